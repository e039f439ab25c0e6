import { describe, expect, it } from "vitest";
import { z } from "zod";
import { storableString } from "../engine/text/storable";
import { inputErrorMessage } from "./errors";

describe("inputErrorMessage", () => {
  const schema = z.object({ yaml: storableString(), limit: z.int().max(10), nested: z.object({ id: z.string().min(1) }) });

  it("names each field once, in one readable line", () => {
    const result = schema.safeParse({ yaml: "a: 1\nb: x\u0000", limit: 11, nested: { id: "" } });
    expect(inputErrorMessage(result.error!)).toBe(
      "yaml contains a NUL character (U+0000) at line 2, column 5, which cannot be stored. Remove it and try again; " +
        "limit: Too big: expected number to be <=10; nested.id: Too small: expected string to have >=1 characters.",
    );
  });

  it("keeps a single problem's message as it is", () => {
    expect(inputErrorMessage(schema.safeParse({ yaml: "\ud83d", limit: 1, nested: { id: "x" } }).error!)).toMatch(/^yaml contains an unpaired surrogate .* Remove it and try again\.$/);
  });

  it("says how many more problems there are beyond the first five", () => {
    const many = z.array(z.string()).safeParse([1, 2, 3, 4, 5, 6, 7]);
    expect(inputErrorMessage(many.error!)).toMatch(/^\[0\]: .*; \[4\]: [^;]*\(and 2 more\)\.$/);
  });
});
