/**
 * `create-admin --email <email> [--name <name>]`: creates an admin account, or makes an existing
 * account an admin with a new password. The password is read from standard input (first line) or,
 * at a terminal, from a hidden prompt asked twice; never from the command line, where it would end
 * up in shell history and the process list.
 *
 * Uses the database the app uses (DATABASE_URL, else PGlite in PGLITE_DIR). With the embedded
 * PGlite database, stop the server first: one folder must not be opened by two processes.
 */
import type { Readable, Writable } from "node:stream";
import type { PrismaClient } from "../../db/generated/client";
import { createOrPromoteAdmin, emailProblem } from "../../services/accounts/accounts";
import { passwordProblem } from "../../auth/password";
import { ServiceError } from "../../services/errors";
import { type CliIo, type Command, EXIT } from "../io";

export const CREATE_ADMIN_USAGE = "create-admin --email <email> [--name <name>]";
export const CREATE_ADMIN_SUMMARY = "Create an admin account (password from stdin or a hidden prompt, never from arguments).";

export interface CreateAdminDeps {
  /** Reads the password (twice at a terminal); null when none was given. */
  readPassword(): Promise<string | null>;
  openDatabase(): Promise<{ prisma: PrismaClient; close(): Promise<void> }>;
}

interface ParsedArgs {
  email: string;
  name: string | null;
}

function parseArgs(args: readonly string[]): ParsedArgs | string {
  let email: string | null = null;
  let name: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag === "--password" || flag === "-p") {
      return "Never pass a password as an argument (it lands in shell history). Pipe it on stdin or type it at the prompt.";
    }
    if (flag === "--email" || flag === "--name") {
      const value = inline ?? args[++i];
      if (value === undefined || value === "") return `${flag} needs a value.`;
      if (flag === "--email") email = value;
      else name = value;
      continue;
    }
    return `Unexpected argument ${arg}.`;
  }
  if (!email) return "--email is required.";
  return { email, name };
}

export async function runCreateAdmin(args: readonly string[], io: CliIo, deps: CreateAdminDeps): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    io.stderr(`${parsed}\nUsage: npm run heartline -- ${CREATE_ADMIN_USAGE}\n`);
    return EXIT.usage;
  }
  const emailIssue = emailProblem(parsed.email);
  if (emailIssue) {
    io.stderr(`${emailIssue}\n`);
    return EXIT.usage;
  }
  const password = await deps.readPassword();
  if (password === null || password === "") {
    io.stderr("No password given: pipe it on stdin (first line) or run at a terminal to be prompted.\n");
    return EXIT.usage;
  }
  const passwordIssue = passwordProblem(password, [parsed.email, parsed.name ?? ""]);
  if (passwordIssue) {
    io.stderr(`${passwordIssue}\n`);
    return EXIT.problems;
  }

  const db = await deps.openDatabase();
  try {
    const result = await createOrPromoteAdmin(db.prisma, { email: parsed.email, password, name: parsed.name });
    io.stdout(
      result.status === "created"
        ? `Created admin ${result.user.email}.\n`
        : `${result.user.email} already had an account: it is now an admin with the new password.\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ServiceError) {
      io.stderr(`${error.message}\n`);
      return EXIT.problems;
    }
    if ((error as { code?: unknown } | null)?.code === "P2021") {
      io.stderr("The database has no tables yet: run `npm run db:migrate` first.\n");
      return EXIT.problems;
    }
    throw error;
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the password

/** The first line of a non-terminal stream (pipe or file), without its line ending. */
export async function readFirstLine(stream: Readable): Promise<string | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    if (Buffer.concat(chunks).includes(0x0a)) break;
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return null;
  const newline = text.indexOf("\n");
  return (newline >= 0 ? text.slice(0, newline) : text).replace(/\r$/, "");
}

type TtyInput = NodeJS.ReadStream & { setRawMode(mode: boolean): unknown };

/** Reads one line at a terminal without echoing it. Rejects on Ctrl-C. */
function promptHidden(input: TtyInput, output: Writable, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(question);
    let value = "";
    const finish = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off("data", onData);
      output.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString("utf8")) {
        if (char === "\r" || char === "\n" || char === "\u0004") return finish();
        if (char === "\u0003") return finish(new Error("cancelled"));
        if (char === "\u007f" || char === "\b") value = [...value].slice(0, -1).join("");
        else if (char >= " ") value += char;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on("data", onData);
  });
}

export async function readPasswordFromProcess(): Promise<string | null> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return readFirstLine(stdin);
  const tty = stdin as TtyInput;
  const first = await promptHidden(tty, process.stderr, "Password for the admin account: ");
  const again = await promptHidden(tty, process.stderr, "Type it again: ");
  if (first !== again) throw new Error("the two passwords differ");
  return first;
}

export const createAdminCommand: Command = {
  name: "create-admin",
  summary: CREATE_ADMIN_SUMMARY,
  usage: CREATE_ADMIN_USAGE,
  run: (args, io) =>
    runCreateAdmin(args, io, {
      readPassword: readPasswordFromProcess,
      // Loaded here, so other commands do not pay for the database drivers.
      openDatabase: async () => {
        const [{ getEnv }, { openDatabase }, { resolveDatabaseTarget }] = await Promise.all([
          import("../../env"),
          import("../../db/client"),
          import("../../db/target"),
        ]);
        return openDatabase(resolveDatabaseTarget(getEnv()));
      },
    }),
};
