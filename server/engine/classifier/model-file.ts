/**
 * The file a trained model ships in: "HLM1", the header's length (u32 little-endian), the header
 * (JSON, UTF-8), then the weights' bytes. The header is the model as training produced it, each
 * byte array replaced by `{ "$bytes": [offset, length] }` into the bytes after it. Read back, those
 * are views of the file's own bytes: a server holds each model once, as bytes, where a generated
 * module of base64 text was held three times (the chunk's source, the string, the decoded bytes).
 * Pure: the caller reads and writes the file.
 */
import { z } from "zod";

const MAGIC = "HLM1";
const PREFIX = MAGIC.length + 4;

const bytesRef = z.object({ $bytes: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]) }).strict();

/** The model file holding `models` (any JSON values, with byte arrays where they keep their weights). */
export function writeModelFile(models: Readonly<Record<string, unknown>>): Uint8Array {
  const blobs: Uint8Array[] = [];
  let offset = 0;
  const header = new TextEncoder().encode(
    JSON.stringify(models, (_key, value: unknown) => {
      if (!(value instanceof Uint8Array)) return value;
      blobs.push(value);
      offset += value.length;
      return { $bytes: [offset - value.length, value.length] };
    }),
  );
  const file = new Uint8Array(PREFIX + header.length + offset);
  file.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(file.buffer).setUint32(MAGIC.length, header.length, true);
  file.set(header, PREFIX);
  let at = PREFIX + header.length;
  for (const blob of blobs) {
    file.set(blob, at);
    at += blob.length;
  }
  return file;
}

/** The models of a model file, their byte arrays viewing `file` (which they keep alive). */
export function readModelFile(file: Uint8Array): Record<string, unknown> {
  if (file.length < PREFIX || new TextDecoder().decode(file.subarray(0, MAGIC.length)) !== MAGIC) throw new Error("not a model file");
  const headerLength = new DataView(file.buffer, file.byteOffset, file.byteLength).getUint32(MAGIC.length, true);
  const dataStart = PREFIX + headerLength;
  if (dataStart > file.length) throw new Error("a model file ends inside its header");
  const parsed: unknown = JSON.parse(new TextDecoder().decode(file.subarray(PREFIX, dataStart)), (_key, value: unknown) => {
    const ref = bytesRef.safeParse(value);
    if (!ref.success) return value;
    const [offset, length] = ref.data.$bytes;
    if (dataStart + offset + length > file.length) throw new Error("a model file ends inside its weights");
    return file.subarray(dataStart + offset, dataStart + offset + length);
  });
  return z.record(z.string(), z.unknown()).parse(parsed);
}

/** A model file the engine is handed a reader of (it reads no files itself), read and parsed once. */
export interface ShippedModelFile<T> {
  /** How to read the file: called once, when its models are first used. */
  provide: (read: () => Uint8Array) => void;
  /** What the file holds, parsed on first use. */
  get: () => T;
}

interface ShippedModelState<T> {
  read?: () => Uint8Array;
  parsed?: T;
}

/**
 * The one holder of a shipped model file (`what` names it in errors and keys it). Kept on
 * `globalThis` under a symbol: every bundle the server loads that reads a model shares the reader
 * and the parsed models, so the file's bytes are held once.
 */
export function shippedModelFile<T>(what: string, parse: (file: Uint8Array) => T): ShippedModelFile<T> {
  const key = Symbol.for(`heartline.shipped-model-file.${what}`);
  const scope = globalThis as Record<symbol, ShippedModelState<T> | undefined>;
  const state = (): ShippedModelState<T> => (scope[key] ??= {});
  return {
    provide: (read) => {
      state().read = read;
    },
    get: () => {
      const held = state();
      if (held.parsed === undefined) {
        if (!held.read) throw new Error(`the shipped ${what} file was not provided (provideShippedModels, server/services/shipped-models.ts)`);
        held.parsed = parse(held.read());
      }
      return held.parsed;
    },
  };
}
