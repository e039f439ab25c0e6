import { deflateRawSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Inflate, strToU8, zipSync, type Zippable } from "fflate";
import { ServiceError } from "../../errors";
import { MAX_IMPORT_FILES, readArchive } from "./archive";
import { craftZip, deflateBomb } from "@/tests/support/crafted-zip";

const zip = (entries: Record<string, string | Uint8Array>) => {
  const files: Zippable = {};
  for (const [name, content] of Object.entries(entries)) files[name] = typeof content === "string" ? strToU8(content) : content;
  return zipSync(files);
};

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof ServiceError ? error.code : "other";
  }
};

describe("readArchive", () => {
  it("reads YAML files at safe paths and says why others were left out", () => {
    const { files, skipped } = readArchive(
      zip({
        "sessions/a.yaml": "session: {}\n",
        "techniques/b.yml": "topic: {}\n",
        "../evil.yaml": "x",
        "/abs/evil.yaml": "x",
        "sessions/../../evil.yaml": "x",
        "README.md": "# hi",
        "__MACOSX/sessions/._a.yaml": "junk",
        "sessions/.DS_Store": "junk",
        "sessions/bin.yaml": new Uint8Array([0xff, 0xfe, 0x00, 0x80]),
      }),
    );
    expect(files).toEqual([
      { path: "sessions/a.yaml", text: "session: {}\n" },
      { path: "techniques/b.yml", text: "topic: {}\n" },
    ]);
    expect(skipped.map((s) => s.path).sort()).toEqual(["../evil.yaml", "/abs/evil.yaml", "README.md", "sessions/../../evil.yaml", "sessions/bin.yaml"]);
    expect(skipped.find((s) => s.path === "../evil.yaml")?.reason).toMatch(/\.\./);
    expect(skipped.find((s) => s.path === "/abs/evil.yaml")?.reason).toMatch(/relative/);
    expect(skipped.find((s) => s.path === "README.md")?.reason).toMatch(/\.yaml or \.yml/);
    expect(skipped.find((s) => s.path === "sessions/bin.yaml")?.reason).toMatch(/UTF-8/);
  });

  it("reads a zipped folder as the project, and keeps paths that merely share a folder", () => {
    expect(readArchive(zip({ "my-project/sessions/a.yaml": "a", "my-project/techniques/b.yaml": "b" })).files.map((f) => f.path)).toEqual([
      "sessions/a.yaml",
      "techniques/b.yaml",
    ]);
    expect(readArchive(zip({ "sessions/a.yaml": "a", "sessions/b.yaml": "b" })).files.map((f) => f.path)).toEqual(["sessions/a.yaml", "sessions/b.yaml"]);
    expect(readArchive(zip({ "notes/a.yaml": "a" })).files.map((f) => f.path)).toEqual(["notes/a.yaml"]);
  });

  it("uses the first of two entries that name the same file", () => {
    const { files, skipped } = readArchive(zip({ "sessions/a.yaml": "first", "./sessions/a.yaml": "second" }));
    expect(files).toEqual([{ path: "sessions/a.yaml", text: "first" }]);
    expect(skipped[0]?.reason).toMatch(/first one was used/);
  });

  it("refuses what is not a zip, too many files, and files too large before decompressing them", () => {
    expect(codeOf(() => readArchive(strToU8("not a zip at all, just text")))).toBe("BAD_REQUEST");
    const many: Record<string, string> = {};
    for (let i = 0; i <= MAX_IMPORT_FILES; i++) many[`sessions/f${i}.yaml`] = "x";
    expect(codeOf(() => readArchive(zip(many)))).toBe("TOO_LARGE");

    // 3 MB of one repeated byte deflates to a few KB: skipped by its declared size.
    const big = readArchive(zip({ "sessions/big.yaml": new Uint8Array(3 * 1024 * 1024).fill(0x61), "sessions/ok.yaml": "ok" }));
    expect(big.files.map((f) => f.path)).toEqual(["sessions/ok.yaml"]);
    expect(big.skipped[0]).toMatchObject({ path: "sessions/big.yaml", reason: expect.stringMatching(/Larger than 2 MB/) });
  });

  describe("sizes an archive declares falsely", () => {
    const messageOf = (fn: () => unknown) => {
      try {
        fn();
        return null;
      } catch (error) {
        return error instanceof ServiceError ? { code: error.code, message: error.message } : { code: "other", message: String(error) };
      }
    };
    /**
     * Runs `fn` and counts the steps of compressed data handed to the inflater (4 KB each): a read
     * that stops at the first step over takes one or two; carrying on through the 64 KB read
     * chunk takes 16, and through the whole 2 MB bomb 512.
     * (The time it takes is printed by bench/hostile-input.bench.ts.)
     */
    const counted = (fn: () => unknown) => {
      const push = vi.spyOn(Inflate.prototype, "push");
      const result = messageOf(fn);
      return { result, steps: push.mock.calls.length };
    };
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it("stops a zip bomb that declares 100 bytes at the first bytes over, with a 400, at once", () => {
      // About 330 MB of "a" in 2 MB of deflate data, declared as a 100-byte file: all of it used
      // to be inflated (into a 100-byte buffer), then imported as 100 bytes.
      const bomb = craftZip([{ name: "sessions/bomb.yaml", method: 8, data: deflateBomb(2048), declaredSize: 100 }]);
      expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
      const { result, steps } = counted(() => readArchive(bomb));
      expect(result).toEqual({ code: "BAD_REQUEST", message: expect.stringMatching(/sessions\/bomb\.yaml holds more than the 100 bytes its header declares\. Nothing was imported\./) });
      expect(steps).toBeGreaterThan(0);
      expect(steps).toBeLessThanOrEqual(2);
    });

    it("stops directory entries that all point at one bomb's data (each used to inflate all of it)", () => {
      const data = deflateBomb(2048);
      const entries = Array.from({ length: 20 }, (_, i) => ({ name: `sessions/f${i}.yaml`, method: 8 as const, data, declaredSize: 1000 }));
      const { result, steps } = counted(() => readArchive(craftZip(entries, { shareData: true })));
      expect(result?.code).toBe("BAD_REQUEST");
      expect(steps).toBeGreaterThan(0);
      expect(steps).toBeLessThanOrEqual(2);
    });

    it("refuses an entry that holds more or less than it declares, even under the per-file cap", () => {
      const text = "session: {}\n".repeat(50_000); // 600 KB
      const more = craftZip([{ name: "sessions/a.yaml", method: 8, data: deflateRawSync(Buffer.from(text)), declaredSize: 1_000 }]);
      expect(messageOf(() => readArchive(more))).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/holds more than the 1000 bytes/) });
      const less = craftZip([{ name: "sessions/a.yaml", method: 0, data: strToU8("session: {}\n"), declaredSize: 2_000 }]);
      expect(messageOf(() => readArchive(less))).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/holds 12 bytes, not the 2000/) });
    });

    it("refuses deflate data that cannot be inflated, and directory entries whose data is missing", () => {
      const broken = craftZip([{ name: "sessions/a.yaml", method: 8, data: new Uint8Array([0xff, 0xff, 0xff, 0xff]), declaredSize: 10 }]);
      expect(messageOf(() => readArchive(broken))).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/cannot be decompressed/) });
      const renamed = craftZip([{ name: "sessions/a.yaml", localName: "sessions/other.yaml", method: 0, data: strToU8("x"), declaredSize: 1 }]);
      expect(messageOf(() => readArchive(renamed))).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/data cannot be found/) });
    });

    it("still reads honest archives whose sizes follow the data (data descriptors, as macOS and Java write them)", () => {
      const text = "session:\n  session_id: s\n";
      const zipped = craftZip([
        { name: "sessions/a.yaml", method: 8, data: deflateRawSync(Buffer.from(text)), declaredSize: text.length, descriptor: true },
        { name: "sessions/b.yaml", method: 0, data: strToU8(text), declaredSize: text.length, descriptor: true },
      ]);
      expect(readArchive(zipped).files).toEqual([
        { path: "sessions/a.yaml", text },
        { path: "sessions/b.yaml", text },
      ]);
    });
  });
});
