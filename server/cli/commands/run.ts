/**
 * `run <file> [--replies <file>] [--json] [--scripts <dir>]`: runs a session script in template
 * mode, feeding one client reply per line of the replies file, and prints the transcript (or
 * every engine event as JSON lines). Techniques come from the scripts folder.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { compileProject } from "../../engine/project";
import { formatDiagnostic } from "../../engine/script";
import { collect, start, turn } from "../../engine/runtime";
import { templateLlm } from "../../engine/llm/template";
import { readYamlFiles } from "../../lib/yaml-files";
import { type Command, EXIT } from "../io";

function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

export const runCommand: Command = {
  name: "run",
  summary: "Run a session script in template mode with replies from a file; print the transcript.",
  usage: "run <file> [--replies <file>] [--json] [--scripts <dir>]",
  async run(args, io) {
    const json = args.includes("--json");
    const repliesFile = optionValue(args, "--replies");
    const scriptsDir = path.resolve(io.cwd, optionValue(args, "--scripts") ?? "scripts");
    const positional = args.filter((arg, i) => !arg.startsWith("--") && !["--replies", "--scripts"].includes(args[i - 1] ?? ""));
    const file = positional[0];
    if (!file) {
      io.stderr(`Give a script file. Usage: heartline ${this.usage}\n`);
      return EXIT.usage;
    }
    const scriptPath = path.resolve(io.cwd, file);
    const text = await readFile(scriptPath, "utf8").catch(() => undefined);
    if (text === undefined) {
      io.stderr(`${file}: no such file\n`);
      return EXIT.usage;
    }
    const replies = repliesFile
      ? (await readFile(path.resolve(io.cwd, repliesFile), "utf8")).split(/\r?\n/).filter((line) => line.trim() !== "")
      : [];

    const projectFiles = (await readYamlFiles(scriptsDir)).filter((f) => path.resolve(scriptsDir, f.path) !== scriptPath);
    const { results, techniques, safety } = compileProject([...projectFiles, { path: file, text }]);
    const result = results.get(file);
    if (!result?.ok) {
      for (const d of result?.diagnostics ?? []) io.stderr(`${file}:${formatDiagnostic(d)}\n`);
      return EXIT.problems;
    }
    if (result.script.kind !== "session") {
      io.stderr(`${file} is a ${result.script.kind} file; run a session script.\n`);
      return EXIT.usage;
    }
    const options = { llm: templateLlm, scriptVersion: "cli", techniques, ...safety };
    const print = (events: Awaited<ReturnType<typeof collect>>["events"], messages: string[]) => {
      if (json) for (const event of events) io.stdout(`${JSON.stringify(event)}\n`);
      else for (const message of messages) io.stdout(`bot> ${message.replace(/\n/g, "\n     ")}\n`);
    };

    let run = await collect(start(result.script, options));
    print(run.events, run.messages);
    for (const reply of replies) {
      if (run.state.status === "complete") break;
      if (!json) io.stdout(`you> ${reply}\n`);
      run = await collect(turn(result.script, run.state, reply, options));
      print(run.events, run.messages);
    }
    if (!json) {
      io.stdout(run.state.status === "complete" ? "-- session complete --\n" : "-- waiting for the client (no more replies) --\n");
    }
    return EXIT.ok;
  },
};
