/**
 * `risk [--lang en|zh] [message…]` and `risk --jsonl <file|->`: runs the always-on crisis
 * detector and prints one JSON object per message, `{level, category, evidence}`, with
 * `"someoneElse": "urgent"` when it reads another person in danger now.
 *
 * JSONL input: one `{"text": "...", "lang": "en"|"zh", "context": {"bot": "...", "client": "..."}}` per
 * line (`lang` and `context` optional: the bot's last message and the client's previous one; other fields,
 * such as a labelled set's `expected_level`, are ignored; blank lines are skipped). A bad line
 * prints `line N: …` to stderr and prints nothing to stdout; the rest still run; exit code 1.
 * Exit codes: 0 ok, 1 at least one bad line, 2 wrong usage or unreadable file.
 */
import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { detectRisk, type DetectRiskOptions, type RiskAssessment, type RiskLanguage } from "../engine/safety";
import { EXIT } from "./io";

export interface RiskCommandIo {
  stdin: NodeJS.ReadableStream;
  stdout: { write(s: string): void };
  stderr: { write(s: string): void };
}

export const RISK_COMMAND_USAGE = "risk [--lang en|zh] [message…] | risk --jsonl <file|->";
export const RISK_COMMAND_SUMMARY = "Run the crisis detector on a message or on JSONL lines; print {level, category, evidence} per message (and someoneElse when another person is in danger now).";

const HELP = `Usage: npm run heartline -- ${RISK_COMMAND_USAGE}

${RISK_COMMAND_SUMMARY}

  message…        One message (the words are joined with spaces).
  --lang en|zh    Language hint for the message (every script present is checked anyway).
  --jsonl <file>  One {"text": "...", "lang": "en"|"zh"} per line; "-" reads standard input.
                  Optional "context": {"bot": "<the bot's last message>", "client": "<the
                  client's previous message>"} reads a reply as the conversation gave it.

Exit codes: 0 ok, 1 some JSONL lines were bad (reported on stderr), 2 wrong usage.
`;

interface ParsedArgs {
  jsonl?: string;
  lang?: RiskLanguage;
  message: string[];
  help: boolean;
}

function parseArgs(args: readonly string[]): ParsedArgs | string {
  const parsed: ParsedArgs = { message: [], help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") {
      parsed.message.push(...args.slice(i + 1));
      break;
    }
    if (arg === "--help" || arg === "-h") parsed.help = true;
    else if (arg === "--jsonl" || arg === "--lang") {
      const value = args[i + 1];
      if (value === undefined) return `${arg} needs a value.`;
      i++;
      if (arg === "--jsonl") parsed.jsonl = value;
      else if (value === "en" || value === "zh") parsed.lang = value;
      else return `--lang must be "en" or "zh", not "${value}".`;
    } else if (arg.startsWith("--jsonl=")) parsed.jsonl = arg.slice("--jsonl=".length);
    else if (arg.startsWith("-") && arg !== "-") return `Unknown option ${arg}.`;
    else parsed.message.push(arg);
  }
  if (parsed.help) return parsed;
  if (parsed.jsonl !== undefined && parsed.message.length > 0) return "Give either --jsonl or a message, not both.";
  if (parsed.jsonl !== undefined && parsed.lang !== undefined) return "--lang applies to a message argument; in JSONL give \"lang\" on each line.";
  if (parsed.jsonl === undefined && parsed.message.join(" ").trim() === "") return "Give a message or --jsonl <file|->.";
  return parsed;
}

const formatAssessment = (assessment: RiskAssessment): string =>
  `${JSON.stringify({ level: assessment.level, category: assessment.category, evidence: assessment.evidence, ...(assessment.someoneElseUrgent ? { someoneElse: "urgent" } : {}) })}\n`;

/** Checks one JSONL line; returns the message or the reason it is bad. */
function parseLine(line: string): { text: string; options: DetectRiskOptions } | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return 'expected a JSON object like {"text": "...", "lang": "en"}';
  const { text, lang, context } = value as Record<string, unknown>;
  if (typeof text !== "string") return '"text" must be a string';
  if (lang !== undefined && lang !== "en" && lang !== "zh") return `"lang" must be "en" or "zh", not ${JSON.stringify(lang)}`;
  if (context !== undefined && (typeof context !== "object" || context === null || Array.isArray(context))) return '"context" must be an object like {"bot": "...", "client": "..."}';
  const { bot, client } = (context ?? {}) as Record<string, unknown>;
  if ((bot !== undefined && typeof bot !== "string") || (client !== undefined && typeof client !== "string")) return '"context.bot" and "context.client" must be strings';
  const options: DetectRiskOptions = {
    ...(lang === undefined ? {} : { lang }),
    ...(bot || client ? { context: { ...(bot ? { bot } : {}), ...(client ? { client } : {}) } } : {}),
  };
  return { text, options };
}

async function runJsonl(lines: AsyncIterable<string>, io: RiskCommandIo): Promise<number> {
  let lineNumber = 0;
  let bad = 0;
  for await (const raw of lines) {
    lineNumber++;
    const line = (lineNumber === 1 ? raw.replace(/^\uFEFF/, "") : raw).replace(/\r$/, "");
    if (line.trim() === "") continue;
    const parsed = parseLine(line);
    if (typeof parsed === "string") {
      bad++;
      io.stderr.write(`line ${lineNumber}: ${parsed}\n`);
      continue;
    }
    io.stdout.write(formatAssessment(detectRisk(parsed.text, parsed.options)));
  }
  if (bad > 0) io.stderr.write(`${bad} bad line${bad === 1 ? "" : "s"} skipped.\n`);
  return bad > 0 ? EXIT.problems : EXIT.ok;
}

export async function runRiskCommand(args: string[], io: RiskCommandIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    io.stderr.write(`${parsed}\nUsage: npm run heartline -- ${RISK_COMMAND_USAGE}\n`);
    return EXIT.usage;
  }
  if (parsed.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (parsed.jsonl === undefined) {
    io.stdout.write(formatAssessment(detectRisk(parsed.message.join(" "), parsed.lang ? { lang: parsed.lang } : {})));
    return EXIT.ok;
  }
  if (parsed.jsonl === "-") return runJsonl(createInterface({ input: io.stdin, crlfDelay: Infinity }), io);

  let handle;
  try {
    handle = await open(resolve(parsed.jsonl), "r");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error);
    io.stderr.write(`${parsed.jsonl}: ${reason}\n`);
    return EXIT.usage;
  }
  try {
    return await runJsonl(handle.readLines({ encoding: "utf8", autoClose: false }), io);
  } catch (error) {
    io.stderr.write(`${parsed.jsonl}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  } finally {
    await handle.close();
  }
}
