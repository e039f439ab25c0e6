import { describe, expect, it } from "vitest";
import { childPath, formatPath, parentPath, parsePath, SourceMap } from "./source-map";

describe("paths", () => {
  it("format keys, indexes and odd keys, and parse back", () => {
    const path = formatPath(["session", "phases", 0, "topics", 12, "odd key", "x.y"]);
    expect(path).toBe('session.phases[0].topics[12]["odd key"]["x.y"]');
    expect(parsePath(path)).toEqual(["session", "phases", 0, "topics", 12, "odd key", "x.y"]);
    expect(parentPath(path)).toBe('session.phases[0].topics[12]["odd key"]');
    expect(parentPath("session.phases[0]")).toBe("session.phases");
    expect(parentPath("session")).toBe("");
    expect(parentPath("")).toBeUndefined();
    expect(childPath("", 3)).toBe("[3]");
  });
});

describe("SourceMap", () => {
  it("converts offsets to 1-based lines and columns", () => {
    const map = new SourceMap("ab\ncd\n\nef");
    expect(map.position(0)).toEqual({ line: 1, column: 1 });
    expect(map.position(4)).toEqual({ line: 2, column: 2 });
    expect(map.position(7)).toEqual({ line: 4, column: 1 });
    expect(map.range([3, 9])).toEqual({ line: 2, column: 1, endLine: 4, endColumn: 3 });
  });

  it("locates text inside a scalar, quoted or block, by its position in the value", () => {
    const text = 'a: "x ${v} y ${v}"\nb: |\n  line ${w}\n';
    const map = new SourceMap(text);
    const value = { a: "x ${v} y ${v}", b: "line ${w}\n" };
    map.setRoot(value, [0, text.length]);
    map.setChildren(value, [3, 18, 0, 1, 22, 35, 19, 20], ["a", "b"]);
    expect(map.spanWithin("a", value.a, 9, 13)).toEqual([13, 17]);
    expect(map.spanWithin("b", value.b, 5, 9)).toEqual([31, 35]);
  });

  it("follows redirects and falls back to the nearest existing parent", () => {
    const text = "config:\n  old_name: 1\n";
    const map = new SourceMap(text);
    const config = { old_name: 1 };
    const root = { config };
    map.setRoot(root, [0, text.length]);
    map.setChildren(root, [10, 21, 0, 6], ["config"]);
    map.setChildren(config, [20, 21, 10, 18], ["old_name"]);
    map.redirect("config.new_name", "config.old_name");
    expect(map.valueSpan("config.new_name")).toEqual([20, 21]);
    expect(map.keySpan("config.new_name")).toEqual([10, 18]);
    expect(map.valueSpan("config.missing")).toEqual([0, 6]);
  });
});
