/**
 * Training for the linear text classifiers (risk, reply intent): weighted multinomial logistic
 * regression by AdaGrad, with a fixed-seed shuffle so the same corpus and options give the same
 * model. Pure: the callers read their corpus and write their model.
 */
import { featureValue, softmax } from "./linear";

export interface TrainingExample {
  features: Uint32Array;
  /** Class index. */
  label: number;
  weight: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** A feature must occur in at least this many examples to get a weight (drops one-off noise, keeps the model small). */
  minCount: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 12, learningRate: 0.3, l2: 3e-3, seed: 20261205, minCount: 2 };

export interface TrainedWeights {
  /** Sorted feature indices that have weights. */
  features: Uint32Array;
  /** `features.length × classes`, row-major. */
  weights: Float32Array;
  bias: number[];
}

/** mulberry32: a small seeded generator, enough for shuffling. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function trainWeights(examples: readonly TrainingExample[], classes: number, options: TrainOptions = DEFAULT_TRAIN_OPTIONS): TrainedWeights {
  const counts = new Map<number, number>();
  for (const example of examples) for (const feature of example.features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const kept = Uint32Array.from([...counts].filter(([, count]) => count >= options.minCount).map(([feature]) => feature)).sort();
  const row = new Map<number, number>();
  kept.forEach((feature, index) => row.set(feature, index));

  const weights = new Float32Array(kept.length * classes);
  const squared = new Float32Array(kept.length * classes);
  const bias = new Array<number>(classes).fill(0);
  const biasSquared = new Array<number>(classes).fill(0);
  const rows = examples.map((example) => Int32Array.from([...example.features].map((feature) => row.get(feature) ?? -1).filter((index) => index >= 0)));

  const random = seededRandom(options.seed);
  const order = examples.map((_, index) => index);
  const scores = new Array<number>(classes);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const index of shuffled(order, random)) {
      const example = examples[index];
      const active = rows[index];
      if (!example || !active) continue;
      const value = featureValue(example.features.length);
      for (let k = 0; k < classes; k++) {
        let score = 0;
        for (const r of active) score += weights[r * classes + k] ?? 0;
        scores[k] = (bias[k] ?? 0) + score * value;
      }
      const probabilities = softmax(scores);
      for (let k = 0; k < classes; k++) {
        const gradient = example.weight * ((probabilities[k] ?? 0) - (k === example.label ? 1 : 0));
        biasSquared[k] = (biasSquared[k] ?? 0) + gradient * gradient;
        bias[k] = (bias[k] ?? 0) - (options.learningRate * gradient) / Math.sqrt((biasSquared[k] ?? 0) + 1e-8);
        for (const r of active) {
          const at = r * classes + k;
          const g = gradient * value + options.l2 * (weights[at] ?? 0);
          squared[at] = (squared[at] ?? 0) + g * g;
          weights[at] = (weights[at] ?? 0) - (options.learningRate * g) / Math.sqrt((squared[at] ?? 0) + 1e-8);
        }
      }
    }
  }
  return { features: kept, weights, bias };
}

/** The softmax temperature (from a fixed grid) that best fits out-of-fold logits: calibration without touching the ranking. */
export function fitTemperature(outOfFold: readonly { logits: readonly number[]; label: number }[]): number {
  let best = 1;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (let temperature = 0.5; temperature <= 4.0001; temperature += 0.05) {
    let loss = 0;
    for (const { logits, label } of outOfFold) loss -= Math.log(Math.max(1e-12, softmax(logits, temperature)[label] ?? 0));
    if (loss < bestLoss) {
      bestLoss = loss;
      best = Math.round(temperature * 100) / 100;
    }
  }
  return best;
}
