import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "./main";

const ROOT = join(__dirname, "../..");
const FIXTURES = "tests/fixtures/scripts";

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: ROOT });
  return { code, stdout, stderr };
}

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "heartline-cli-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const BROKEN = [
  "metadata: { client_description: A short hello. }",
  "session:",
  "  session_id: broken",
  "  phases:",
  "    - phase_id: p",
  "      topics:",
  "        - topic_id: t",
  "          actions:",
  "            - action_type: ai_say",
  "              action_id: a",
  "              config: { content: Hi, max_rounds: 11 }",
  "",
].join("\n");

describe("heartline validate", () => {
  it("checks every script under a directory, counts techniques among them as known, and exits 0 without errors", async () => {
    const { code, stdout } = await run("validate", FIXTURES);
    expect(code).toBe(0);
    // 3 older-format warnings, and the two session scripts lack a description for clients.
    expect(stdout).toMatch(/^Checked 6 files: 0 errors, 5 warnings, \d+ hints\.$/m);
    expect(stdout).toContain(`${join(FIXTURES, "first-assessment.yaml")}:1:1 warning missing-client-description`);
    expect(stdout).not.toContain("unknown-technique");
    expect(stdout).toContain(`${join(FIXTURES, "crisis-consciousness.yaml")}:3:3 warning not-yet-supported`);
  });

  it("passes a HeartRule-style script with Chinese variable names: 0 errors, older-key hints, and only the missing client description warned", async () => {
    const { code, stdout } = await run("validate", "tests/fixtures/heartrule-zh");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Checked 1 file: 0 errors, 1 warning, \d+ hints\.$/m);
    expect(stdout).toMatch(/warning missing-client-description Clients choose this conversation from a card that says nothing about it/);
    expect(stdout).not.toMatch(/invalid-name|unknown-variable|used-before-set/);
  });

  it("prints file:line:col severity code message and exits 1 on errors", async () => {
    const dir = scratch({ "broken.yaml": BROKEN, "fine.yml": BROKEN.replace("max_rounds: 11", "max_rounds: 2"), "notes.txt": "ignored" });
    const { code, stdout } = await run("validate", dir);
    expect(code).toBe(1);
    expect(stdout).toBe(
      `${join(dir, "broken.yaml")}:11:50 error invalid-value \`max_rounds\` must be at most 10, not the number 11.\n` +
        "Checked 2 files: 1 error, 0 warnings, 0 hints (1 file with errors).\n" +
        "use_skill targets were not checked: no technique files among the inputs.\n",
    );
  });

  it("prints one JSON array of diagnostics per file with --json, and the summary on stderr", async () => {
    const dir = scratch({ "a.yaml": BROKEN, "b.yaml": BROKEN.replace("max_rounds: 11", "max_rounds: 2") });
    const { code, stdout, stderr } = await run("validate", "--json", join(dir, "a.yaml"), join(dir, "b.yaml"));
    expect(code).toBe(1);
    const lines = stdout.trim().split("\n").map((line) => JSON.parse(line) as unknown[]);
    expect(lines).toEqual([
      [expect.objectContaining({ file: join(dir, "a.yaml"), code: "invalid-value", line: 11, column: 50, severity: "error" })],
      [],
    ]);
    expect(stderr).toContain("Checked 2 files: 1 error");
  });

  it("refuses wrong usage with exit code 2", async () => {
    expect((await run("validate")).code).toBe(2);
    expect(await run("validate", "--jsn", FIXTURES)).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option --jsn") });
    expect(await run("validate", "no/such/file.yaml")).toMatchObject({ code: 2, stderr: "no/such/file.yaml: no such file or directory\n" });
    expect(await run("validate", scratch({ "readme.md": "#" }))).toMatchObject({ code: 2, stderr: expect.stringContaining("No .yaml or .yml files") });
  });
});

describe("heartline schema", () => {
  it("prints the JSON Schema", async () => {
    const { code, stdout } = await run("schema");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ $schema: "https://json-schema.org/draft/2020-12/schema", title: "Heartline counselling script" });
  });
});

describe("heartline dispatcher", () => {
  it("lists the commands with --help", async () => {
    const { code, stdout } = await run("--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(/validate <file\|dir>\.\.\. \[--json\]\s+Check script files/);
    expect(stdout).toMatch(/schema\s+Print the JSON Schema/);
  });

  it("explains a command with <command> --help", async () => {
    expect(await run("validate", "--help")).toMatchObject({ code: 0, stdout: expect.stringContaining("Usage: npm run heartline -- validate") });
  });

  it("rejects an unknown command, and no command, with exit code 2", async () => {
    expect(await run("validat")).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command "validat"') });
    expect((await run()).code).toBe(2);
  });

  it("sets the process exit code when run as a program", () => {
    const dir = scratch({ "broken.yaml": BROKEN });
    const result = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "server/cli/main.ts"), "validate", join(dir, "broken.yaml")], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("error invalid-value");
  }, 30_000);
});
