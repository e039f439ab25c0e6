import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runRiskCommand } from "./risk-command";

async function run(args: string[], stdin = "") {
  let stdout = "";
  let stderr = "";
  const code = await runRiskCommand(args, {
    stdin: Readable.from([stdin]),
    stdout: { write: (s: string) => void (stdout += s) },
    stderr: { write: (s: string) => void (stderr += s) },
  });
  const parseResults = () => stdout.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    code,
    stdout,
    stderr,
    get results() {
      return parseResults();
    },
  };
}

function tempFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "heartline-risk-")), "messages.jsonl");
  writeFileSync(path, content);
  return path;
}

describe("risk command: a message from the arguments", () => {
  it("prints one JSON object with exactly level, category and evidence", async () => {
    const { code, stdout, results } = await run(["I", "want", "to", "kill", "myself"]);
    expect(code).toBe(0);
    expect(stdout.endsWith("\n")).toBe(true);
    expect(results).toEqual([
      { level: "high", category: "suicidal_ideation", evidence: [{ start: 10, end: 21, text: "kill myself", rule: "en.kill-myself" }] },
    ]);
  });

  it("adds someoneElse when the message tells of another person in danger now", async () => {
    const { code, results } = await run(["my friend took a bottle of pills and we can't wake him up"]);
    expect(code).toBe(0);
    expect(results[0]).toMatchObject({ someoneElse: "urgent" });
    expect((await run(["I want to kill myself"])).results[0]).not.toHaveProperty("someoneElse");
  });

  it("prints level none for an ordinary message", async () => {
    const { code, results } = await run(["this homework is killing me"]);
    expect(code).toBe(0);
    expect(results).toEqual([{ level: "none", category: "none", evidence: [] }]);
  });

  it("accepts --lang and messages after --", async () => {
    expect((await run(["--lang", "zh", "我今晚就吃药结束自己"])).results[0]).toMatchObject({ level: "imminent" });
    expect((await run(["--", "-not an option-", "I took a whole bottle of pills"])).results[0]).toMatchObject({ level: "imminent" });
  });
});

describe("risk command: JSONL", () => {
  const input = [
    JSON.stringify({ text: "I took a whole bottle of pills", lang: "en" }),
    "",
    JSON.stringify({ text: "笑死我了", lang: "zh" }),
    JSON.stringify({ text: "he hits me", expected_level: "medium", note: "extra fields are ignored" }),
  ].join("\n");

  it("reads standard input with -, one result per message, blank lines skipped", async () => {
    const { code, stderr, results } = await run(["--jsonl", "-"], input);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(results.map((result) => [result.level, result.category])).toEqual([
      ["imminent", "medical_emergency"],
      ["none", "none"],
      ["high", "abuse"],
    ]);
  });

  it("reads a reply in its context: the bot's last question and the client's previous message", async () => {
    const lines = [
      JSON.stringify({ text: "yes", context: { bot: "Are you having thoughts of ending your life?" } }),
      JSON.stringify({ text: "yes", context: { bot: "Shall we start the questionnaire now?" } }),
      JSON.stringify({ text: "tonight", context: { bot: "Have you thought about when you would do it?" } }),
      JSON.stringify({ text: "tonight", context: { bot: "When is your exam?" } }),
    ].join("\n");
    const { code, results } = await run(["--jsonl", "-"], lines);
    expect(code).toBe(0);
    expect(results.map((result) => result.level)).toEqual(["high", "none", "imminent", "none"]);
  });

  it("reports a context that is not an object of strings", async () => {
    const { code, stderr } = await run(["--jsonl", "-"], [JSON.stringify({ text: "yes", context: "are you ok?" }), JSON.stringify({ text: "yes", context: { bot: 3 } })].join("\n"));
    expect(code).toBe(1);
    expect(stderr).toContain('line 1: "context" must be an object');
    expect(stderr).toContain('line 2: "context.bot" and "context.client" must be strings');
  });

  it("reads a file, with CRLF line ends and a byte-order mark", async () => {
    const path = tempFile(`\uFEFF${input.replace(/\n/g, "\r\n")}\r\n`);
    const { code, results } = await run(["--jsonl", path]);
    expect(code).toBe(0);
    expect(results).toHaveLength(3);
    expect((await run([`--jsonl=${path}`])).results).toHaveLength(3);
  });

  it("reports each bad line by number on stderr, keeps going, and exits 1", async () => {
    const lines = [
      JSON.stringify({ text: "I want to kill myself" }),
      "{not json",
      JSON.stringify({ text: 42 }),
      JSON.stringify({ text: "ok", lang: "fr" }),
      JSON.stringify(["text"]),
      JSON.stringify({ text: "我想自杀", lang: "zh" }),
    ].join("\n");
    const { code, stderr, results } = await run(["--jsonl", "-"], lines);
    expect(code).toBe(1);
    expect(results.map((result) => result.level)).toEqual(["high", "high"]);
    expect(stderr).toMatch(/^line 2: not valid JSON/m);
    expect(stderr).toMatch(/^line 3: "text" must be a string$/m);
    expect(stderr).toMatch(/^line 4: "lang" must be "en" or "zh", not "fr"$/m);
    expect(stderr).toMatch(/^line 5: expected a JSON object/m);
    expect(stderr).toContain("4 bad lines skipped.");
  });

  it("runs the labelled fixture as it is", async () => {
    const { code, results } = await run(["--jsonl", "tests/fixtures/safety/labelled-messages.jsonl"]);
    expect(code).toBe(0);
    expect(results.length).toBeGreaterThanOrEqual(300);
  });
});

describe("risk command: usage", () => {
  it("exits 2 with a message for wrong usage", async () => {
    for (const args of [[], ["--jsonl"], ["--jsonl", "-", "hello"], ["--lang", "fr", "hi"], ["--bogus", "hi"], ["--jsonl", "-", "--lang", "en"], ["   "]]) {
      const { code, stderr, stdout } = await run(args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr).toContain("Usage:");
      expect(stdout).toBe("");
    }
  });

  it("exits 2 when the file cannot be read", async () => {
    const missing = await run(["--jsonl", "/nonexistent/risk.jsonl"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("/nonexistent/risk.jsonl: no such file\n");
    const directory = await run(["--jsonl", tmpdir()]);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain(tmpdir());
  });

  it("prints help", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--jsonl <file>");
  });
});
