import { describe, expect, it } from "vitest";
import { readModelFile, shippedModelFile, writeModelFile } from "./model-file";

describe("a model file", () => {
  it("gives back what was written, each byte array a view of the file's own bytes", () => {
    const weights = Uint8Array.from([1, 2, 3, 250]);
    const other = Uint8Array.from([9, 8]);
    const file = writeModelFile({ one: { version: "v", bias: [0.5, -0.25], weights, nested: { weights: other } }, empty: { weights: new Uint8Array(0) } });
    const read = readModelFile(file);
    expect(read).toEqual({ one: { version: "v", bias: [0.5, -0.25], weights, nested: { weights: other } }, empty: { weights: new Uint8Array(0) } });
    const { one } = read as { one: { weights: Uint8Array } };
    expect(one.weights.buffer).toBe(file.buffer);
  });

  it("refuses other bytes, and a file cut short", () => {
    expect(() => readModelFile(new TextEncoder().encode('{"risk":{}}'))).toThrow(/not a model file/);
    const file = writeModelFile({ one: { weights: Uint8Array.from([1, 2, 3]) } });
    expect(() => readModelFile(file.subarray(0, file.length - 1))).toThrow(/ends inside its weights/);
    expect(() => readModelFile(file.subarray(0, 12))).toThrow(/ends inside its header/);
  });
});

describe("a shipped model file", () => {
  it("says who must provide it when nobody has", () => {
    expect(() => shippedModelFile("unprovided test model", (file) => file.length).get()).toThrow(/unprovided test model file was not provided \(provideShippedModels/);
  });

  it("is read and parsed once, and shared by every holder of the same name (each bundle the server loads has its own)", () => {
    let reads = 0;
    let parses = 0;
    const parse = (file: Uint8Array) => {
      parses++;
      return readModelFile(file);
    };
    const inOneBundle = shippedModelFile("shared test model", parse);
    const inAnother = shippedModelFile("shared test model", parse);
    inOneBundle.provide(() => {
      reads++;
      return writeModelFile({ one: { version: "v1" } });
    });
    expect(inAnother.get()).toEqual({ one: { version: "v1" } });
    expect(inOneBundle.get()).toBe(inAnother.get());
    expect([reads, parses]).toEqual([1, 1]);
  });
});
