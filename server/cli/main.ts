/**
 * `npm run heartline -- <command>`: tools for script authors and CI. Add a command by writing a
 * `Command` in ./commands and listing it below.
 */
import "../env-sanitize";
import { pathToFileURL } from "node:url";
import { schemaCommand } from "./commands/schema";
import { validateCommand } from "./commands/validate";
import { runCommand } from "./commands/run";
import { testCommand } from "./commands/test";
import { riskCommand } from "./commands/risk";
import { deleteClientCommand, purgeCommand } from "./commands/data";
import { createAdminCommand } from "./commands/create-admin";
import { type CliIo, type Command, EXIT } from "./io";
import { provideShippedModels } from "../services/shipped-models";

export const COMMANDS: readonly Command[] = [validateCommand, schemaCommand, runCommand, testCommand, riskCommand, deleteClientCommand, purgeCommand, createAdminCommand];

function help(): string {
  const width = Math.max(...COMMANDS.map((command) => command.usage.length));
  return [
    "Usage: npm run heartline -- <command> [arguments]",
    "",
    "Commands:",
    ...COMMANDS.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    "",
    "Options:",
    "  --help, -h  Show this help (also: <command> --help).",
    "",
    "Exit codes: 0 ok, 1 problems found, 2 wrong usage.",
    "",
  ].join("\n");
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  // Commands that run the engine (run, test, risk) need its models.
  provideShippedModels();
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout)(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${help()}`);
    return EXIT.usage;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(`Usage: npm run heartline -- ${command.usage}\n\n${command.summary}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    io.stderr(`heartline ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runDirectly) {
  // `heartline schema | head` closes the pipe early; that is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  const io: CliIo = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), cwd: process.cwd() };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}
