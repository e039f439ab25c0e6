/**
 * Every golden conversation in tests/conversations, run in template mode against the shipped
 * scripts: a failing expectation names the step and what the bot really said.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compileProject } from "../project";
import { templateLlm } from "../llm/template";
import { readYamlFiles } from "../../lib/yaml-files";
import { GoldenFileSchema } from "./format";
import { runGoldenConversation } from "./run";

const root = path.resolve(import.meta.dirname, "../../..");
const goldenDir = path.join(root, "tests/conversations");
const scriptFiles = await readYamlFiles(path.join(root, "scripts"));
const project = compileProject(scriptFiles);
const goldenFiles = await readYamlFiles(goldenDir);

describe("golden conversations (template mode)", () => {
  it("cover every shipped session script", () => {
    const covered = new Set(goldenFiles.map((f) => GoldenFileSchema.parse(parse(f.text)).script));
    const sessions = [...project.results].filter(([, r]) => r.ok && r.script.kind === "session").map(([p]) => p);
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.filter((p) => !covered.has(p))).toEqual([]);
  });

  for (const file of goldenFiles) {
    const golden = GoldenFileSchema.parse(parse(readFileSync(path.join(goldenDir, file.path), "utf8")));
    describe(file.path, () => {
      for (const conversation of golden.conversations) {
        it(conversation.name, async () => {
          const compiled = project.results.get(golden.script);
          expect(compiled?.ok, `${golden.script} compiles`).toBe(true);
          if (!compiled?.ok) return;
          const result = await runGoldenConversation(conversation, { script: compiled.script, techniques: project.techniques, safety: project.safety, llm: templateLlm });
          expect(result.failures).toEqual([]);
        });
      }
    });
  }
});
