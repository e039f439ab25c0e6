import { describe, expect, it } from "vitest";
import { afterEmergency, emergencyGuidance, someoneElseStep } from "./someone-else";

describe("emergency guidance for someone else in danger", () => {
  it("tells the client to call for help now, with the region's emergency numbers when the region is known", () => {
    const us = emergencyGuidance("en", "US");
    expect(us).toContain("call emergency services for them straight away");
    expect(us).toContain("911");
    expect(us).not.toContain("999");
    expect(emergencyGuidance("en", "GB")).toContain("999");
    const cn = emergencyGuidance("zh", "CN");
    expect(cn).toContain("请马上替对方拨打急救电话");
    expect(cn).toContain("120");
  });

  it("names common numbers when the region is unknown", () => {
    expect(emergencyGuidance("en")).toContain("911 in the US, 999 in the UK, 112 in the EU");
    expect(emergencyGuidance("zh")).toContain("中国大陆 120 或 110");
  });

  it("acknowledges whatever the reply is, says the call for help once more in other words, and hands back to the script", () => {
    const guidance = someoneElseStep(undefined, true, 3, "en", "US");
    expect(guidance).toMatchObject({ kind: "guidance", state: { turn: 3 } });
    const state = guidance.kind === "guidance" ? guidance.state : undefined;
    for (const urgent of [true, false]) {
      const reply = someoneElseStep(state, urgent, 4, "en", "US");
      expect(reply).toEqual({ kind: "after", message: afterEmergency("en", "US") });
    }
    const after = afterEmergency("en", "US");
    expect(after).toContain("Thank you for letting me know");
    expect(after).toContain("help isn't on the way yet, please call now");
    expect(after).toContain("911");
    expect(after).toContain("988");
    expect(after).toContain("we can go back to where we were");
    expect(after).not.toContain("call emergency services for them straight away");
  });

  it("leaves a later message to the script, and gives the guidance afresh for a new emergency", () => {
    expect(someoneElseStep({ turn: 3 }, false, 6, "zh")).toEqual({ kind: "none" });
    expect(someoneElseStep(undefined, false, 6, "zh")).toEqual({ kind: "none" });
    expect(someoneElseStep({ turn: 2 }, true, 9, "zh").kind).toBe("guidance");
    expect(afterEmergency("zh")).toContain("我们可以回到刚才的地方");
  });
});
