import { describe, expect, it } from "vitest";
import { FEATURE_BITS, hashFeature } from "../../classifier/features";
import { messageFeatures } from "./features";
import { logits } from "../../classifier/linear";
import { fitTemperature, trainWeights } from "../../classifier/train";
import { classifyWith, decodeRiskModel, encodeRiskModel, verdictFrom, type RiskThresholds } from "./model";

const THRESHOLDS: RiskThresholds = { high: 0.5, imminent: 0.5, overrule: 0.9, veto: 0.05, someoneElse: 0.5 };

describe("risk classifier features", () => {
  it("hashes with a fixed function, so a shipped model keeps its meaning across runs and machines", () => {
    // 32-bit FNV-1a over UTF-16 code units, low FEATURE_BITS bits: pinned so a change of function fails here.
    expect(hashFeature("w:die")).toBe(664042);
    expect(hashFeature("w:dye")).toBe(3236794);
    expect(hashFeature("c:我想")).toBe(3584360);
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
  // [text, crisis (high or above)?, imminent?]
  const examples = [
    ["I want to kill myself tonight", 1, 1],
    ["I have the pills and I'm going to take them all", 1, 1],
    ["I keep thinking about ending my life", 1, 0],
    ["I want to die", 1, 0],
    ["I wish I could disappear", 0, 0],
    ["work was stressful today", 0, 0],
    ["this homework is killing me lol", 0, 0],
    ["I had pasta for dinner", 0, 0],
    ["my friend said she wants to die and I'm worried", 0, 0],
    ["my friend took all her pills and I can't wake her up", 0, 0],
  ] as const;
  const alarm = examples.flatMap(([text, crisis]) => Array.from({ length: 3 }, () => ({ features: messageFeatures(text), label: crisis, weight: 1 })));
  const imminence = examples
    .filter(([, crisis]) => crisis === 1)
    .flatMap(([text, , imminent]) => Array.from({ length: 3 }, () => ({ features: messageFeatures(text), label: imminent, weight: 1 })));
  const concern = examples
    .filter(([, crisis]) => crisis === 0)
    .flatMap(([text]) => Array.from({ length: 3 }, () => ({ features: messageFeatures(text), label: text === "I wish I could disappear" ? 1 : 0, weight: 1 })));
  const someoneElse = examples.flatMap(([text]) =>
    Array.from({ length: 3 }, () => ({ features: messageFeatures(text), label: text.startsWith("my friend took") ? 1 : 0, weight: 1 })),
  );
  const options = { epochs: 20, learningRate: 0.3, l2: 1e-4, seed: 7, minCount: 1 };

  it("trains the same weights from the same examples and seed", () => {
    const first = trainWeights(alarm, 2, { ...options, epochs: 5 });
    const second = trainWeights(alarm, 2, { ...options, epochs: 5 });
    expect(Array.from(first.weights)).toEqual(Array.from(second.weights));
    expect(first.bias).toEqual(second.bias);
  });

  it("keeps its predictions through int8 quantisation, encoding and decoding", () => {
    const trained = trainWeights(alarm, 2, options);
    const trainedImminence = trainWeights(imminence, 2, options);
    const trainedConcern = trainWeights(concern, 2, options);
    const trainedSomeoneElse = trainWeights(someoneElse, 2, options);
    const rows = new Map<number, number>();
    trained.features.forEach((feature, index) => rows.set(feature, index * 2));
    const floatModel = { bias: trained.bias, rows, weights: trained.weights, scale: 1 };
    const model = decodeRiskModel(
      encodeRiskModel({
        version: "t",
        featureBits: FEATURE_BITS,
        temperature: 1,
        thresholds: { en: THRESHOLDS, zh: THRESHOLDS },
        ...trained,
        imminence: { version: "t", featureBits: FEATURE_BITS, temperature: 1, ...trainedImminence },
        concern: { version: "t", featureBits: FEATURE_BITS, temperature: 1, ...trainedConcern },
        someoneElse: { version: "t", featureBits: FEATURE_BITS, temperature: 1, ...trainedSomeoneElse },
      }),
    );
    for (const [text] of examples) {
      const exact = logits(floatModel, messageFeatures(text));
      const shipped = logits(model, messageFeatures(text));
      shipped.forEach((value, k) => expect(value).toBeCloseTo(exact[k] ?? 0, 1));
    }
    expect(classifyWith(model, "I want to kill myself tonight", "en").level).toBe("imminent");
    expect(classifyWith(model, "I keep thinking about ending my life", "en").level).toBe("high");
    expect(classifyWith(model, "I had pasta for dinner", "en").level).toBe("none");
    expect(classifyWith(model, "I wish I could disappear", "en").pConcern).toBeGreaterThan(0.5);
    expect(classifyWith(model, "I had pasta for dinner", "en").pConcern).toBeLessThan(0.5);
    expect(classifyWith(model, "my friend took all her pills and I can't wake her up", "en").pSomeoneElse).toBeGreaterThan(0.5);
    expect(classifyWith(model, "I want to kill myself tonight", "en").pSomeoneElse).toBeLessThan(0.5);
  });

  it("refuses a model whose class count is not the alarm's or the imminence's", () => {
    const five = trainWeights(alarm, 5, options);
    const part = { version: "t", featureBits: FEATURE_BITS, temperature: 1, ...five };
    expect(() => encodeRiskModel({ ...part, thresholds: { en: THRESHOLDS, zh: THRESHOLDS }, imminence: part, concern: part, someoneElse: part })).toThrow(/alarm model has 2 classes, not 5/);
  });

  it("turns calibrated probabilities into a level: imminent only among what is at least high", () => {
    const scores = { concern: 0.1, someoneElse: 0.2 };
    expect(verdictFrom({ crisis: 0.7, imminentIfCrisis: 0.8, ...scores }, THRESHOLDS)).toEqual({ level: "imminent", pHigh: 0.7, pImminent: expect.closeTo(0.56, 5), pConcern: 0.1, pSomeoneElse: 0.2 });
    expect(verdictFrom({ crisis: 0.7, imminentIfCrisis: 0.2, ...scores }, THRESHOLDS).level).toBe("high");
    // Sure it would be imminent, were it a crisis, but not sure it is one: no crisis level.
    expect(verdictFrom({ crisis: 0.4, imminentIfCrisis: 0.99, ...scores }, THRESHOLDS).level).toBe("none");
    expect(verdictFrom({ crisis: 0.4, imminentIfCrisis: 0.99, ...scores }, { ...THRESHOLDS, high: 0.35 }).level).toBe("imminent");
  });

  it("fits a temperature that makes over-confident logits less sure", () => {
    const outOfFold = [
      { logits: [10, 0], label: 0 },
      { logits: [10, 0], label: 1 },
      { logits: [0, 10], label: 1 },
      { logits: [0, 10], label: 0 },
    ];
    expect(fitTemperature(outOfFold)).toBeGreaterThan(2);
  });
});
