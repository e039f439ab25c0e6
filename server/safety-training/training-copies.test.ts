import { describe, expect, it } from "vitest";
import type { CorpusMessage } from "../engine/safety/corpus";
import { buriedCopies, sessionCopies } from "./training-copies";

const line = (text: string, label: CorpusMessage["label"], extra: Partial<CorpusMessage> = {}): CorpusMessage => ({
  text,
  lang: "en",
  label,
  category: label === "none" ? "none" : "suicidal_ideation",
  kind: label === "none" ? "grief" : "direct",
  writer: "w-test",
  ...extra,
});

const story =
  "I moved here for the job in March and the flat is small but fine. My sister visits on Sundays and we cook. " +
  "Work is long, the manager shouts, and the bus home takes an hour. I miss my old friends and the sea. " +
  "Last week we finally went to the beach and it rained all day, which was funny in the end.";

describe("training copies", () => {
  it("buries short English crises and hard negatives inside a long safe message, between its sentences, keeping their labels", () => {
    const crises = Array.from({ length: 40 }, (_, index) => line(`I have decided to end it tonight, number ${index}.`, "high"));
    const copies = buriedCopies([line(story, "low", { kind: "ordinary_distress" }), ...crises], 1);
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.length).toBeLessThan(crises.length);
    for (const copy of copies) {
      expect(copy.label).toBe("high");
      expect(copy.writer).toBe("w-test");
      expect(copy.text.length).toBeGreaterThan(story.length);
      const guest = crises.find((crisis) => copy.text.includes(crisis.text));
      expect(guest).toBeDefined();
      // Whole sentences of the story stay whole around the buried line.
      expect(copy.text.replace(`${guest?.text} `, "").replace(` ${guest?.text}`, "")).toBe(story);
    }
  });

  it("makes no buried copies of Chinese lines or of medium ones", () => {
    const chinese = Array.from({ length: 20 }, (_, index) => line(`我今晚就走了${index}`, "imminent", { lang: "zh" }));
    const medium = Array.from({ length: 20 }, (_, index) => line(`sometimes I wish I was gone ${index}`, "medium"));
    expect(buriedCopies([line(story, "none"), ...chinese, ...medium], 1)).toEqual([]);
  });

  it("puts lines written alone after an ordinary question, and context replies there as none", () => {
    const reply = line("maybe tonight", "high", { kind: "context_reply", context: { bot: "Are you thinking of ending your life?" } });
    const alone = line("I want to die", "high");
    const copies = sessionCopies([reply, alone], ["How did you sleep?"], 1);
    expect(copies).toEqual([
      { ...reply, label: "none", category: "none", kind: "session_copy", context: { bot: "How did you sleep?" } },
      { ...alone, kind: "session_copy", context: { bot: "How did you sleep?" } },
    ]);
  });
});
