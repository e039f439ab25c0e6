import { describe, expect, it } from "vitest";
import { findPlaceholders, renderTemplate } from "./placeholders";

describe("findPlaceholders", () => {
  it("finds ${name}, {{name}} and {name} with their offsets", () => {
    expect(findPlaceholders("Hi ${a}, {{ b }} and {c}.")).toEqual([
      { name: "a", text: "${a}", start: 3, end: 7 },
      { name: "b", text: "{{ b }}", start: 9, end: 16 },
      { name: "c", text: "{c}", start: 21, end: 24 },
    ]);
  });

  it("ignores braces that do not hold a name", () => {
    expect(findPlaceholders('JSON {"a": 1}, ${ }, {1abc}, {{}}')).toEqual([]);
  });

  it("reads a fallback after `|` in every form, Chinese included", () => {
    expect(findPlaceholders("${main_concern|what you've described} {{ 主要困扰 | 你刚才说的 }} {x|} ${y}")).toEqual([
      { name: "main_concern", text: "${main_concern|what you've described}", start: 0, end: 37, fallback: "what you've described" },
      { name: "主要困扰", text: "{{ 主要困扰 | 你刚才说的 }}", start: 38, end: 56, fallback: "你刚才说的" },
      { name: "x", text: "{x|}", start: 57, end: 61, fallback: "" },
      { name: "y", text: "${y}", start: 62, end: 66 },
    ]);
  });

  it("accepts dotted and non-ASCII names", () => {
    expect(findPlaceholders("${profile.name} {{情绪}}").map((p) => p.name)).toEqual(["profile.name", "情绪"]);
  });
});

describe("renderTemplate", () => {
  const values: Record<string, unknown> = { name: "Ana", count: 3, ok: true, list: ["a", "b"], obj: { x: 1 } };
  const lookup = (name: string) => values[name];

  it("replaces every form of placeholder", () => {
    expect(renderTemplate("Hi ${name}, {{count}} {ok}", lookup)).toBe("Hi Ana, 3 true");
  });

  it("renders missing values as empty text and formats lists and objects", () => {
    expect(renderTemplate("[${missing}] ${list} ${obj}", lookup)).toBe('[] a, b {"x":1}');
  });

  it("renders the fallback for an unset, null or empty value, and the value itself otherwise", () => {
    expect(renderTemplate("[${missing|none}] [${blank|none}] [${name|none}]", (n) => ({ blank: " ", name: "Ana" })[n])).toBe("[none] [none] [Ana]");
  });

  it("inserts values literally: replacement patterns and placeholders inside values stay as typed", () => {
    const client = { reply: "costs $& and $1, call me ${name} {{name}}" };
    expect(renderTemplate("You said: ${reply}", (n) => client[n as "reply"])).toBe("You said: costs $& and $1, call me ${name} {{name}}");
  });
});
