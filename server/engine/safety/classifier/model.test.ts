import { describe, expect, it } from "vitest";
import { hashFeature } from "../../classifier/features";
import { messageFeatures } from "./features";
import { logits } from "../../classifier/linear";
import { fitTemperature, trainWeights } from "../../classifier/train";
import { RISK_LEVELS } from "../risk-types";
import { classifyWith, decodeRiskModel, encodeRiskModel, levelFromProbabilities, type RiskThresholds } from "./model";

const THRESHOLDS: RiskThresholds = { medium: 0.5, high: 0.5, imminent: 0.5, overrule: 0.9, veto: 0.05 };

describe("risk classifier features", () => {
  it("hashes with a fixed function, so a shipped model keeps its meaning across runs and machines", () => {
    // 32-bit FNV-1a over UTF-16 code units, low FEATURE_BITS bits: pinned so a change of function fails here.
    expect(hashFeature("w:die")).toBe(664042);
    expect(hashFeature("w:dye")).toBe(91066);
    expect(hashFeature("c:我想")).toBe(438632);
  });

  it("reads Traditional, fullwidth and zero-width-split text as its plain form", () => {
    expect(messageFeatures("我想自殺")).toEqual(messageFeatures("我想自杀"));
    expect(messageFeatures("ki\u200bll ＭＹＳＥＬＦ")).toEqual(messageFeatures("kill myself"));
  });

  it("crosses a short reply with the bot's question, and a long message not", () => {
    const asked = messageFeatures("yes", { bot: "Are you thinking of ending your life?" });
    const other = messageFeatures("yes", { bot: "Shall we start the questionnaire?" });
    const alone = messageFeatures("yes");
    expect(asked).not.toEqual(other);
    expect(asked.length).toBeGreaterThan(alone.length + 10);
    const long = "I went to work, then to the shops, then cooked dinner and watched a film with my sister tonight.";
    const longAsked = messageFeatures(long, { bot: "Are you thinking of ending your life?" });
    const longOther = messageFeatures(long, { bot: "Shall we start the questionnaire?" });
    // Only the bot's own pieces differ; no reply×bot crosses for a long message.
    expect(longAsked.length - messageFeatures(long).length).toBeLessThan(20);
    expect(longOther.length - messageFeatures(long).length).toBeLessThan(20);
  });
});

describe("risk classifier model", () => {
  const examples = [
    ["I want to kill myself tonight", 4],
    ["I have the pills and I'm going to take them all", 4],
    ["I keep thinking about ending my life", 3],
    ["I want to die", 3],
    ["I wish I could disappear", 2],
    ["work was stressful today", 0],
    ["this homework is killing me lol", 0],
    ["I had pasta for dinner", 0],
    ["my friend said she wants to die and I'm worried", 1],
  ] as const;
  const training = examples.flatMap(([text, label]) => Array.from({ length: 3 }, () => ({ features: messageFeatures(text), label, weight: 1 })));

  it("trains the same weights from the same examples and seed", () => {
    const options = { epochs: 5, learningRate: 0.3, l2: 1e-4, seed: 7, minCount: 1 };
    const first = trainWeights(training, RISK_LEVELS.length, options);
    const second = trainWeights(training, RISK_LEVELS.length, options);
    expect(Array.from(first.weights)).toEqual(Array.from(second.weights));
    expect(first.bias).toEqual(second.bias);
  });

  it("keeps its predictions through int8 quantisation, encoding and decoding", () => {
    const trained = trainWeights(training, RISK_LEVELS.length, { epochs: 20, learningRate: 0.3, l2: 1e-4, seed: 7, minCount: 1 });
    const rows = new Map<number, number>();
    trained.features.forEach((feature, index) => rows.set(feature, index * 5));
    const floatModel = { bias: trained.bias, rows, weights: trained.weights, scale: 1 };
    const model = decodeRiskModel(encodeRiskModel({ version: "t", featureBits: 20, temperature: 1, thresholds: { en: THRESHOLDS, zh: THRESHOLDS }, ...trained }));
    for (const [text] of examples) {
      const exact = logits(floatModel, messageFeatures(text));
      const shipped = logits(model, messageFeatures(text));
      shipped.forEach((value, k) => expect(value).toBeCloseTo(exact[k] ?? 0, 1));
    }
    expect(classifyWith(model, "I want to kill myself tonight", "en").level).toBe("imminent");
    expect(classifyWith(model, "I had pasta for dinner", "en").level).toBe("none");
  });

  it("turns calibrated probabilities into a level: imminent only among what is at least high", () => {
    expect(levelFromProbabilities([0.1, 0.1, 0.1, 0.2, 0.5], THRESHOLDS).level).toBe("imminent");
    expect(levelFromProbabilities([0.1, 0.1, 0.1, 0.5, 0.2], THRESHOLDS).level).toBe("high");
    // Most of the weight on imminent but not enough on high+imminent together: not a crisis level.
    expect(levelFromProbabilities([0.3, 0.1, 0.2, 0.0, 0.4], { ...THRESHOLDS, high: 0.6, medium: 0.55 }).level).toBe("medium");
    expect(levelFromProbabilities([0.7, 0.1, 0.1, 0.05, 0.05], THRESHOLDS).level).toBe("none");
  });

  it("fits a temperature that makes over-confident logits less sure", () => {
    const outOfFold = [
      { logits: [10, 0, 0, 0, 0], label: 0 },
      { logits: [10, 0, 0, 0, 0], label: 3 },
      { logits: [0, 0, 0, 10, 0], label: 3 },
      { logits: [0, 0, 0, 10, 0], label: 0 },
    ];
    expect(fitTemperature(outOfFold)).toBeGreaterThan(2);
  });
});
