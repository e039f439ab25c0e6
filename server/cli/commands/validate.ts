/**
 * `validate <file|dir>... [--json]`: checks scripts the way publishing will. Technique ids found
 * among the given files are the known techniques for `use_skill`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { compileScript, formatDiagnostic, peekTechniqueId } from "../../engine/script";
import { type Command, EXIT } from "../io";

const SCRIPT_FILE = /\.ya?ml$/i;
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", ".next"]);

export const validateCommand: Command = {
  name: "validate",
  summary: "Check script files; exit 1 when any has errors.",
  usage: "validate <file|dir>... [--json]",
  run(args, io) {
    const json = args.includes("--json");
    const unknownOption = args.find((arg) => arg.startsWith("-") && arg !== "--json");
    if (unknownOption) {
      io.stderr(`Unknown option ${unknownOption}. Usage: heartline validate <file|dir>... [--json]\n`);
      return EXIT.usage;
    }
    const targets = args.filter((arg) => !arg.startsWith("-"));
    if (targets.length === 0) {
      io.stderr("Give at least one file or directory. Usage: heartline validate <file|dir>... [--json]\n");
      return EXIT.usage;
    }
    const files: string[] = [];
    for (const target of targets) {
      const found = collect(target, resolve(io.cwd, target));
      if (found === undefined) {
        io.stderr(`${target}: no such file or directory\n`);
        return EXIT.usage;
      }
      files.push(...found);
    }
    if (files.length === 0) {
      io.stderr(`No .yaml or .yml files under ${targets.join(", ")}.\n`);
      return EXIT.usage;
    }

    const texts = new Map(files.map((file) => [file, readFileSync(resolve(io.cwd, file), "utf8")]));
    const techniques = new Set([...texts.values()].map(peekTechniqueId).filter((id): id is string => id !== undefined));
    const knownTechniques = techniques.size > 0 ? techniques : undefined;

    const totals = { error: 0, warning: 0, hint: 0 };
    let failedFiles = 0;
    for (const [file, text] of texts) {
      const { diagnostics } = compileScript(text, { knownTechniques, fileName: file, forClients: true });
      for (const diagnostic of diagnostics) totals[diagnostic.severity]++;
      if (diagnostics.some((d) => d.severity === "error")) failedFiles++;
      io.stdout(json ? `${JSON.stringify(diagnostics.map((d) => ({ file, ...d })))}\n` : diagnostics.map((d) => `${file}:${formatDiagnostic(d)}\n`).join(""));
    }

    const summary = [
      `Checked ${plural(files.length, "file")}: ${plural(totals.error, "error")}, ${plural(totals.warning, "warning")}, ${plural(totals.hint, "hint")}` +
        (failedFiles > 0 ? ` (${plural(failedFiles, "file")} with errors).` : "."),
      ...(knownTechniques ? [] : ["use_skill targets were not checked: no technique files among the inputs."]),
    ].join("\n");
    // With --json, stdout stays machine-readable: one JSON array per file, summary on stderr.
    (json ? io.stderr : io.stdout)(`${summary}\n`);
    return failedFiles > 0 ? EXIT.problems : EXIT.ok;
  },
};

/** The script files at `path` (a file, or every *.yaml/*.yml below a directory), sorted. */
function collect(shown: string, path: string): string[] | undefined {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return undefined;
  }
  if (!stats.isDirectory()) return [shown];
  const files: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) files.push(...(collect(join(shown, entry.name), join(path, entry.name)) ?? []));
    } else if (SCRIPT_FILE.test(entry.name)) {
      files.push(join(shown, entry.name));
    }
  }
  return files;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

