/**
 * A linear text classifier at run time: multinomial logistic regression over hashed binary
 * features, weights quantised to int8 and shipped in a model file (./model-file.ts). Shared by the risk
 * classifier and the reply-intent classifier; each adds its own features and decision rule.
 * Pure and synchronous.
 */
import { z } from "zod";
import { FEATURE_BITS } from "./features";

/** What training produces and a model file stores (classes = bias.length). */
export interface SerializedLinearModel {
  version: string;
  featureBits: number;
  /** Softmax temperature fitted on out-of-fold predictions. */
  temperature: number;
  /** Per-class weight of one quantisation step. */
  scale: number;
  bias: readonly number[];
  /**
   * Feature count (u32 little-endian); the sorted feature indices as gaps from the one before (the
   * first from 0), each a LEB128 varint; then one int8 weight per class per feature. The gaps of a
   * dense hashed space fit a byte each, where a u32 index took four and made most of the risk
   * model's file. The decoded model reads its weights in place: it keeps these bytes.
   */
  weights: Uint8Array;
}

/** A serialized model's shape, to check what a model file holds (./model-file.ts). */
export const serializedLinearModelSchema = z.object({
  version: z.string(),
  featureBits: z.number().int(),
  temperature: z.number(),
  scale: z.number(),
  bias: z.array(z.number()),
  weights: z.instanceof(Uint8Array),
}) satisfies z.ZodType<SerializedLinearModel>;

/** Feature index → offset of its weights in `weights` (a Map in training, sorted features at run time). */
export interface FeatureRows {
  get(feature: number): number | undefined;
}

export interface LinearModel {
  readonly version: string;
  readonly temperature: number;
  readonly bias: readonly number[];
  readonly scale: number;
  readonly rows: FeatureRows;
  readonly weights: Int8Array;
}

/**
 * The shipped model's sorted feature indices, found by binary search: one typed array, four bytes
 * a row (a Map of the risk model's half-million rows held ≈ 28 MB of heap). The search starts in
 * the feature's bucket (its top bits): where the bucket's rows start and end. A search of the
 * whole array read ≈ 20 places far apart in a few MB, most of them out of the CPU's caches on a
 * busy server; a bucket holds 4–8 rows side by side. The buckets cost at most a byte a row.
 */
class SortedFeatureRows implements FeatureRows {
  /** Bucket b's rows are [starts[b], starts[b + 1]). */
  private readonly starts: Uint32Array;
  private readonly shift: number;

  constructor(
    private readonly features: Uint32Array,
    private readonly classes: number,
  ) {
    // 4–8 rows a bucket; a feature's bucket is its top `bucketBits` bits.
    const bucketBits = Math.max(0, Math.min(FEATURE_BITS, Math.ceil(Math.log2(Math.max(1, features.length / 8)))));
    this.shift = FEATURE_BITS - bucketBits;
    const buckets = 2 ** bucketBits;
    const starts = new Uint32Array(buckets + 1);
    let row = 0;
    for (let bucket = 0; bucket <= buckets; bucket++) {
      while (row < features.length && (features[row] ?? 0) >>> this.shift < bucket) row++;
      starts[bucket] = row;
    }
    this.starts = starts;
  }

  get(feature: number): number | undefined {
    const features = this.features;
    const bucket = feature >>> this.shift;
    if (bucket >= this.starts.length - 1) return undefined;
    let low = this.starts[bucket] ?? 0;
    let high = (this.starts[bucket + 1] ?? 0) - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = features[middle] ?? 0;
      if (at < feature) low = middle + 1;
      else if (at > feature) high = middle - 1;
      else return middle * this.classes;
    }
    return undefined;
  }
}

/** Reads `count` varint gaps from `offset`: the sorted indices, and where the gaps end. */
function readGaps(bytes: Uint8Array, offset: number, count: number): { features: Uint32Array; end: number } {
  const features = new Uint32Array(count);
  let at = offset;
  let previous = 0;
  for (let i = 0; i < count; i++) {
    let gap = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      if (byte === undefined) throw new Error("a linear model's feature list ends early");
      gap += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    if (i > 0 && gap === 0) throw new Error("a linear model's features must be sorted and distinct");
    previous += gap;
    features[i] = previous;
  }
  return { features, end: at };
}

/** The sorted indices as varint gaps. */
function writeGaps(features: Uint32Array): number[] {
  const out: number[] = [];
  let previous = 0;
  for (const feature of features) {
    let gap = feature - previous;
    previous = feature;
    while (gap >= 0x80) {
      out.push((gap & 0x7f) | 0x80);
      gap = Math.floor(gap / 0x80);
    }
    out.push(gap);
  }
  return out;
}

export function decodeLinearModel(serialized: SerializedLinearModel): LinearModel {
  // A model hashed into another feature space would read every text wrongly, without an error.
  if (serialized.featureBits !== FEATURE_BITS) throw new Error(`a linear model trained on ${serialized.featureBits}-bit features cannot read ${FEATURE_BITS}-bit ones: retrain it`);
  const classes = serialized.bias.length;
  const bytes = serialized.weights;
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const { features, end } = readGaps(bytes, 4, count);
  if (end + count * classes !== bytes.length) throw new Error("a linear model's weights do not match its feature count");
  const rows = new SortedFeatureRows(features, classes);
  const weights = new Int8Array(bytes.buffer, bytes.byteOffset + end, count * classes);
  return { version: serialized.version, temperature: serialized.temperature, bias: serialized.bias, scale: serialized.scale, rows, weights };
}

/** Quantises float weights (`features.length × classes`, row-major; classes = bias.length) into the shipped form. */
export function encodeLinearModel(input: {
  version: string;
  featureBits: number;
  temperature: number;
  bias: readonly number[];
  features: Uint32Array;
  weights: Float32Array;
}): SerializedLinearModel {
  const classes = input.bias.length;
  let largest = 0;
  for (const weight of input.weights) largest = Math.max(largest, Math.abs(weight));
  const scale = largest === 0 ? 1 : largest / 127;
  const count = input.features.length;
  for (let i = 1; i < count; i++) {
    if ((input.features[i] ?? 0) <= (input.features[i - 1] ?? 0)) throw new Error("a linear model's features must be sorted and distinct");
  }
  const gaps = writeGaps(input.features);
  const bytes = new Uint8Array(4 + gaps.length + count * classes);
  new DataView(bytes.buffer).setUint32(0, count, true);
  bytes.set(gaps, 4);
  const quantised = new Int8Array(bytes.buffer, 4 + gaps.length, count * classes);
  input.weights.forEach((weight, i) => {
    quantised[i] = Math.max(-127, Math.min(127, Math.round(weight / scale)));
  });
  return { version: input.version, featureBits: input.featureBits, temperature: input.temperature, scale, bias: [...input.bias], weights: bytes };
}

/**
 * Every feature of a text has the same value, 1/√n (the bag is unit length): a long text is not
 * more certain than a short one just for having more n-grams.
 */
export function featureValue(count: number): number {
  return count === 0 ? 0 : 1 / Math.sqrt(count);
}

/** Raw logits for a feature set (one per class). */
export function logits(model: { bias: readonly number[]; rows: FeatureRows; weights: ArrayLike<number>; scale: number }, features: Uint32Array): number[] {
  const classes = model.bias.length;
  const out = [...model.bias];
  const value = featureValue(features.length) * model.scale;
  for (const feature of features) {
    const row = model.rows.get(feature);
    if (row === undefined) continue;
    for (let k = 0; k < classes; k++) out[k] = (out[k] ?? 0) + (model.weights[row + k] ?? 0) * value;
  }
  return out;
}

export function softmax(values: readonly number[], temperature = 1): number[] {
  const scaled = values.map((value) => value / temperature);
  const top = Math.max(...scaled);
  const exps = scaled.map((value) => Math.exp(value - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / sum);
}

/** Calibrated class probabilities of a feature set. */
export function probabilities(model: LinearModel, features: Uint32Array): number[] {
  return softmax(logits(model, features), model.temperature);
}
