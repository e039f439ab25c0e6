import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateRisk, parseLabelledMessages } from "./risk-evaluation";

const fixture = (name: string) => parseLabelledMessages(readFileSync(new URL(`../../../tests/fixtures/safety/${name}`, import.meta.url), "utf8"));
const describeFailures = (evaluation: ReturnType<typeof evaluateRisk>) => ({
  missed: evaluation.missed.map((message) => message.text),
  falseAlarms: evaluation.falseAlarms.map(({ message, detected }) => `${detected}: ${message.text}`),
});

describe("labelled risk messages", () => {
  const labelled = fixture("labelled-messages.jsonl");

  it("is a set of at least 300 messages in both languages, every level present", () => {
    expect(labelled.length).toBeGreaterThanOrEqual(300);
    for (const lang of ["en", "zh"] as const) expect(labelled.filter((message) => message.lang === lang).length).toBeGreaterThan(100);
    for (const level of ["none", "low", "medium", "high", "imminent"] as const) {
      expect(labelled.some((message) => message.expected_level === level)).toBe(true);
    }
  });

  it("detects high and imminent risk with recall ≥ 0.95 and flags ≤ 5% of none/low messages", () => {
    const evaluation = evaluateRisk(labelled);
    expect(evaluation.recall, JSON.stringify(describeFailures(evaluation), null, 2)).toBeGreaterThanOrEqual(0.95);
    expect(evaluation.falsePositiveRate, JSON.stringify(describeFailures(evaluation), null, 2)).toBeLessThanOrEqual(0.05);
  });

  // The two later sets were written after the rules, then used to fix them: they guard against
  // regressions here; their first-run figures are recorded in bench/risk.bench.ts, not asserted.
  it("keeps the same thresholds on the held-out and round-2 sets together", () => {
    const evaluation = evaluateRisk([...fixture("held-out-messages.jsonl"), ...fixture("round2-messages.jsonl")]);
    expect(evaluation.recall, JSON.stringify(describeFailures(evaluation), null, 2)).toBeGreaterThanOrEqual(0.95);
    expect(evaluation.falsePositiveRate, JSON.stringify(describeFailures(evaluation), null, 2)).toBeLessThanOrEqual(0.05);
  });
});
