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

  it("inserts values literally: replacement patterns and placeholders inside values stay as typed", () => {
    const client = { reply: "costs $& and $1, call me ${name} {{name}}" };
    expect(renderTemplate("You said: ${reply}", (n) => client[n as "reply"])).toBe("You said: costs $& and $1, call me ${name} {{name}}");
  });
});
