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
