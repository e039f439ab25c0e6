/**
 * `test <dir|file>... [--scripts <dir>]`: runs golden conversation files (template mode) and
 * reports each conversation as pass or fail with the reasons; exit 1 when any fails.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { compileProject } from "../../engine/project";
import { GoldenFileSchema, runGoldenConversation } from "../../engine/golden";
import { templateLlm } from "../../engine/llm/template";
import { readYamlFiles } from "../../lib/yaml-files";
import { type Command, EXIT } from "../io";

export const testCommand: Command = {
  name: "test",
  summary: "Run golden conversation files against the scripts; exit 1 when any conversation fails.",
  usage: "test <dir|file>... [--scripts <dir>]",
  async run(args, io) {
    const scriptsIndex = args.indexOf("--scripts");
    const scriptsDir = path.resolve(io.cwd, scriptsIndex >= 0 ? (args[scriptsIndex + 1] ?? "scripts") : "scripts");
    const targets = args.filter((arg, i) => !arg.startsWith("--") && (scriptsIndex < 0 || i !== scriptsIndex + 1));
    if (targets.length === 0) {
      io.stderr(`Give golden conversation files or folders. Usage: heartline ${this.usage}\n`);
      return EXIT.usage;
    }
    const goldenFiles: string[] = [];
    for (const target of targets) {
      const full = path.resolve(io.cwd, target);
      const info = await stat(full).catch(() => undefined);
      if (!info) {
        io.stderr(`${target}: no such file or directory\n`);
        return EXIT.usage;
      }
      if (info.isDirectory()) goldenFiles.push(...(await readYamlFiles(full)).map((f) => path.join(full, f.path)));
      else goldenFiles.push(full);
    }

    const project = compileProject((await readYamlFiles(scriptsDir)).map((f) => ({ path: f.path, text: f.text })));
    let passed = 0;
    let failed = 0;
    for (const goldenPath of goldenFiles) {
      const shown = path.relative(io.cwd, goldenPath);
      const parsed = GoldenFileSchema.safeParse(parse(await readFile(goldenPath, "utf8")));
      if (!parsed.success) {
        io.stderr(`${shown}: not a golden conversation file: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}\n`);
        failed++;
        continue;
      }
      const compiled = project.results.get(parsed.data.script);
      if (!compiled?.ok) {
        io.stderr(`${shown}: script ${parsed.data.script} ${compiled ? "has errors" : `not found under ${path.relative(io.cwd, scriptsDir) || "."}`}\n`);
        failed++;
        continue;
      }
      for (const conversation of parsed.data.conversations) {
        const result = await runGoldenConversation(conversation, { script: compiled.script, techniques: project.techniques, safety: project.safety, llm: templateLlm });
        if (result.passed) {
          passed++;
          io.stdout(`PASS ${shown} › ${conversation.name}\n`);
        } else {
          failed++;
          io.stdout(`FAIL ${shown} › ${conversation.name}\n${result.failures.map((f) => `     ${f}\n`).join("")}`);
        }
      }
    }
    io.stdout(`${passed} passed, ${failed} failed\n`);
    return failed > 0 ? EXIT.problems : EXIT.ok;
  },
};
