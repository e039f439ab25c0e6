import { describe, expect, it } from "vitest";
import { strToU8, zipSync, type Zippable } from "fflate";
import { ServiceError } from "../../errors";
import { MAX_IMPORT_FILES, readArchive } from "./archive";

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
});
