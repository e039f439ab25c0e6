/**
 * The fast parser must read every document exactly as the reference parser does (same values,
 * same spans for every key and value), or give up so the reference parser runs.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseYamlFast } from "./fast-yaml";
import { parseYamlReference } from "./parse-yaml";
import { Reporter } from "./report";
import { SourceMap } from "./source-map";

const FIXTURES = join(__dirname, "../../../tests/fixtures/scripts");

function both(text: string) {
  const fastMap = new SourceMap(text);
  const fast = parseYamlFast(text, fastMap);
  const referenceMap = new SourceMap(text);
  const reference = parseYamlReference(text, new Reporter(referenceMap));
  return { fast, fastMap, reference, referenceMap };
}

function expectSameReading(text: string) {
  const { fast, fastMap, reference, referenceMap } = both(text);
  expect(fast, "the fast path gave up").toBeDefined();
  expect(fast!.value).toStrictEqual(reference);
  const paths = [...referenceMap.paths()];
  expect([...fastMap.paths()]).toEqual(paths);
  for (const path of paths) expect(fastMap.entry(path), path).toEqual(referenceMap.entry(path));
  return paths.length;
}

const SAMPLES: Record<string, string> = {
  scalars: [
    "plain: hello world",
    "int: 42",
    "negative: -7",
    "hex: 0x1F",
    "octal: 0o17",
    "float: 3.5e2",
    "inf: -.inf",
    "nan: .nan",
    "tilde: ~",
    "null_word: Null",
    "bool: TRUE",
    "quoted_bool: 'true'",
    'double: "tab\\tand \\u00e9 and \\"quotes\\""',
    "single: 'it''s'",
    "colon_inside: key:value",
    "version: 1.0",
    "empty:",
    "unicode: 你好，世界",
    "hash_inside: a#b",
  ].join("\n"),
  comments: "# top\nkey: value # trailing\n# between\nother:\n  # inside\n  - a # item\n  - b\n",
  blockScalars: "literal: |\n  line one\n  line two\nkept: |+\n  kept\n\nfolded: >-\n  folded\n  text\n\n  para\nstrip: |-\n  no newline\nend: x\n",
  multiLinePlain: "text: this is\n  a long plain\n  scalar\nnext: 1\n",
  multiLineQuoted: 'text: "first\n  second"\nother: \'a\n\n  b\'\n',
  flow: "map: { a: 1, b: [x, y], c: {}, d: [], e }\nlist: [ 'q', \"r\", { k: v } ]\nempty_map: {}\n",
  nestedSequences: "matrix:\n  - - 1\n    - 2\n  - - 3\nitems:\n- a\n- b\n",
  compactMappings: "actions:\n  - action_type: ai_say\n    config:\n      content: hi\n  -   spaced: 1\n      more: 2\n",
  oddKeys: '"quoted key": 1\n\'single key\': 2\n3: three\nkey with spaces: 4\ntrue: yes\n',
  crlf: "a: 1\r\nb:\r\n  - x\r\n  - y\r\nc: |\r\n  text\r\n",
  bom: "\uFEFFsession:\n  session_id: s\n",
  documentMarkers: "---\na: 1\n...\n",
  onlyComments: "# nothing here\n",
  topLevelList: "- 1\n- two\n",
  topLevelScalar: "just text\n",
};

describe("fast YAML path", () => {
  for (const file of readdirSync(FIXTURES).filter((name) => name.endsWith(".yaml"))) {
    it(`reads fixture ${file} exactly like the reference parser`, () => {
      expect(expectSameReading(readFileSync(join(FIXTURES, file), "utf8"))).toBeGreaterThan(10);
    });
  }

  for (const [name, text] of Object.entries(SAMPLES)) {
    it(`reads ${name} exactly like the reference parser`, () => {
      const { fast, reference } = both(text);
      if (name === "onlyComments") {
        expect(fast?.value).toBeUndefined();
        expect(reference).toBeUndefined();
        return;
      }
      expectSameReading(text);
    });
  }

  it("gives up on what it cannot prove it reads the same way", () => {
    const refused = {
      anchors: "a: &x 1\nb: *x\n",
      tags: "a: !!str 1\n",
      explicitKey: "? a\n: 1\n",
      mergeKey: "base: { a: 1 }\nchild: { <<: { b: 2 } }\n",
      duplicateKey: "a: 1\na: 2\n",
      syntaxError: "a: [1, 2\n",
      twoDocuments: "a: 1\n---\nb: 2\n",
      tooDeep: `a: ${"[".repeat(200)}${"]".repeat(200)}\n`,
    };
    for (const [name, text] of Object.entries(refused)) expect(both(text).fast, name).toBeUndefined();
  });
});
