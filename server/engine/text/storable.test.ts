import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cleanString, cleanText, fieldPath, findUnstorable, isStorable, NAMES_FIELD, storableJson, storableString, unstorableProblem } from "./storable";

const HIGH = "\ud83d"; // the first half of 😭
const LOW = "\ude2d"; // its second half

describe("isStorable and findUnstorable", () => {
  it("accept ordinary text, whole emoji and other control characters", () => {
    for (const text of ["", "hello", "我没事", "😭 ok", "tab\there\nline\r\n", "\u0001\u007f", "\ufffd", `${HIGH}${LOW}`]) {
      expect(isStorable(text), JSON.stringify(text)).toBe(true);
      expect(findUnstorable(text)).toBeUndefined();
    }
  });

  it("find NUL and unpaired surrogates (a high half alone, at the end, or a low half alone), with line and column", () => {
    expect(findUnstorable("ab\0c")).toMatchObject({ kind: "nul", index: 2, codeUnit: 0, line: 1, column: 3 });
    expect(findUnstorable(`ok${HIGH}`)).toMatchObject({ kind: "unpaired-surrogate", index: 2, codeUnit: 0xd83d });
    expect(findUnstorable(`${HIGH}x`)).toMatchObject({ kind: "unpaired-surrogate", index: 0 });
    expect(findUnstorable(`x${LOW}`)).toMatchObject({ kind: "unpaired-surrogate", index: 1, codeUnit: 0xde2d });
    expect(findUnstorable(`😭${LOW}`)).toMatchObject({ kind: "unpaired-surrogate", index: 2 });
    expect(findUnstorable(`${HIGH}${HIGH}${LOW}`)).toMatchObject({ index: 0 });
    expect(findUnstorable("a: 1\nb: 2\n  c: x\0")).toMatchObject({ kind: "nul", line: 3, column: 7 });
    for (const text of ["\0", HIGH, LOW, `a${LOW}${HIGH}b`]) expect(isStorable(text), JSON.stringify(text)).toBe(false);
  });
});

describe("cleanText", () => {
  it("drops NUL and replaces each unpaired surrogate with U+FFFD, keeping everything else", () => {
    expect(cleanText("I want to die\0\0 tonight")).toBe("I want to die tonight");
    expect(cleanText(`tonight ${HIGH}`)).toBe("tonight \ufffd");
    expect(cleanText(`${LOW}${HIGH}`)).toBe("\ufffd\ufffd");
    expect(cleanText(`😭 ${HIGH}😭 ${LOW}`)).toBe("😭 \ufffd😭 \ufffd");
    const plain = "nothing to clean, 我没事 😭";
    expect(cleanText(plain)).toBe(plain);
    for (const text of ["\0", `${HIGH}\0${LOW}`, `a${HIGH}`]) expect(isStorable(cleanText(text))).toBe(true);
  });
});

describe("unstorableProblem", () => {
  it("names the subject, the character and where it is, never the text", () => {
    expect(unstorableProblem("secret words\0", "note")).toBe("note contains a NUL character (U+0000) at character 13, which cannot be stored.");
    expect(unstorableProblem("session:\n  id: x\0\n", "sessions/a.yaml")).toBe(
      "sessions/a.yaml contains a NUL character (U+0000) at line 2, column 8, which cannot be stored.",
    );
    expect(unstorableProblem(`secret ${HIGH}`, "text")).toMatch(/^text contains an unpaired surrogate \(U\+D83D, half of a character such as an emoji\) at character 8/);
    expect(unstorableProblem(`secret ${HIGH}`, "text")).not.toContain("secret");
    expect(unstorableProblem("fine", "text")).toBeUndefined();
  });
});

describe("storableJson", () => {
  it("is JSON.stringify when nothing needs repair", () => {
    const value = { text: "line\nbreak \"quoted\" \\u0000 as six characters", emoji: "😭", control: "\u0001" };
    expect(storableJson(value)).toBe(JSON.stringify(value));
    expect(JSON.parse(storableJson(value))).toEqual(value);
  });

  it("drops NUL and replaces unpaired surrogates anywhere in the value, keys included, and keeps escaped backslashes", () => {
    const value = { ["k\0ey"]: [`a\0b`, `${HIGH}!`, `\\${LOW}`, "\\\\\0", { deep: `x${HIGH}\0${LOW}` }] };
    expect(JSON.parse(storableJson(value))).toEqual({ key: ["ab", "\ufffd!", "\\\ufffd", "\\\\", { deep: "x\ufffd\ufffd" }] });
    expect(JSON.parse(storableJson("\0\0\0"))).toBe("");
    expect(JSON.parse(storableJson(`\\u0000${HIGH}`))).toBe("\\u0000\ufffd");
  });
});

describe("zod", () => {
  const schema = z.object({ message: z.object({ id: storableString().min(1).max(5) }), overrides: z.record(storableString(), storableString()), text: cleanString().trim().min(1) });

  it("refuses an unstorable string with one issue that names the field and where", () => {
    const result = schema.safeParse({ message: { id: "a\0" }, overrides: { "odd key": `x${HIGH}` }, text: "hi" });
    expect(result.success).toBe(false);
    const issues = result.error!.issues;
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ path: ["message", "id"], params: { [NAMES_FIELD]: true } });
    expect(issues[0]!.message).toBe("message.id contains a NUL character (U+0000) at character 2, which cannot be stored. Remove it and try again.");
    expect(issues[1]!.message).toMatch(/^overrides\["odd key"\] contains an unpaired surrogate/);
  });

  it("refuses an unstorable record key", () => {
    const result = schema.safeParse({ message: { id: "a" }, overrides: { "k\0": "v" }, text: "hi" });
    expect(result.success).toBe(false);
  });

  it("cleans instead of refusing where asked, before the other checks", () => {
    expect(schema.parse({ message: { id: "a" }, overrides: {}, text: ` ok\0 ${HIGH}` }).text).toBe("ok \ufffd");
    expect(schema.safeParse({ message: { id: "a" }, overrides: {}, text: "\0 \0" }).success).toBe(false);
  });

  it("shows paths as people read them", () => {
    expect(fieldPath(["state", "stack", 0, "topicId"])).toBe("state.stack[0].topicId");
    expect(fieldPath(["overrides", "a b\0"])).toBe('overrides["a b\\u0000"]');
    expect(fieldPath(["variables", "用户称呼"])).toBe("variables.用户称呼");
    expect(fieldPath([])).toBe("");
  });
});
