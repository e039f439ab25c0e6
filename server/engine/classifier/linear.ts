/**
 * A linear text classifier at run time: multinomial logistic regression over hashed binary
 * features, weights quantised to int8 and shipped as a generated module. Shared by the risk
 * classifier and the reply-intent classifier; each adds its own features and decision rule.
 * Pure and synchronous.
 */

/** What training produces and a generated module stores (classes = bias.length). */
export interface SerializedLinearModel {
  version: string;
  featureBits: number;
  /** Softmax temperature fitted on out-of-fold predictions. */
  temperature: number;
  /** Per-class weight of one quantisation step. */
  scale: number;
  bias: readonly number[];
  /** Base64: feature count (u32), sorted feature indices (u32 each), then one int8 weight per class per feature. */
  weights: string;
}

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
 * The shipped model's sorted feature indices, found by binary search: a view into the decoded
 * bytes, so it costs no memory of its own (a Map of the risk model's half-million rows held
 * ≈ 28 MB of heap) and ≈ 20 comparisons a lookup.
 */
class SortedFeatureRows implements FeatureRows {
  constructor(
    private readonly features: Uint32Array,
    private readonly classes: number,
  ) {}

  get(feature: number): number | undefined {
    const features = this.features;
    let low = 0;
    let high = features.length - 1;
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

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The `count` u32 little-endian values at `offset` (a multiple of 4): a view where the platform allows, else a copy. */
function u32s(bytes: Uint8Array, offset: number, count: number): Uint32Array {
  if (LITTLE_ENDIAN && (bytes.byteOffset + offset) % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset + offset, count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: count }, (_, i) => view.getUint32(offset + i * 4, true));
}

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return btoa(binary);
}

export function decodeLinearModel(serialized: SerializedLinearModel): LinearModel {
  const classes = serialized.bias.length;
  const bytes = base64Bytes(serialized.weights);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0, true);
  const features = u32s(bytes, 4, count);
  for (let i = 1; i < count; i++) {
    if ((features[i] ?? 0) <= (features[i - 1] ?? 0)) throw new Error("a linear model's features must be sorted and distinct");
  }
  const rows = new SortedFeatureRows(features, classes);
  const weights = new Int8Array(bytes.buffer, bytes.byteOffset + 4 + count * 4, count * classes);
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
  const bytes = new Uint8Array(4 + count * 4 + count * classes);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, count, true);
  input.features.forEach((feature, i) => view.setUint32(4 + i * 4, feature, true));
  const quantised = new Int8Array(bytes.buffer, 4 + count * 4, count * classes);
  input.weights.forEach((weight, i) => {
    quantised[i] = Math.max(-127, Math.min(127, Math.round(weight / scale)));
  });
  return { version: input.version, featureBits: input.featureBits, temperature: input.temperature, scale, bias: [...input.bias], weights: bytesBase64(bytes) };
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
