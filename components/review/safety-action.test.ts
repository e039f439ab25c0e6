import { describe, expect, it } from "vitest";
import { describeSafetyAction } from "./safety-action";

describe("describeSafetyAction", () => {
  it("keeps a trigger's id as written instead of turning it into words", () => {
    expect(describeSafetyAction("trigger:crisis_risk_high")).toEqual({ text: "Ran the safety trigger", triggerId: "crisis_risk_high" });
  });

  it("says in words what the engine did", () => {
    expect(describeSafetyAction("protocol").text).toBe("Built-in crisis protocol: asked about safety and gave crisis lines");
    expect(describeSafetyAction("check_in").text).toBe("Asked a safety check-in question");
    expect(describeSafetyAction("logged").triggerId).toBeNull();
  });

  it("shows an action it does not know as it was stored, without underscores", () => {
    expect(describeSafetyAction("paused_session")).toEqual({ text: "paused session", triggerId: null });
  });
});
