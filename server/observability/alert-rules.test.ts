/**
 * The shipped Prometheus alert rules: valid for Prometheus (`promtool check rules`), behaving as
 * their unit tests say (`promtool test rules`), each alert tested firing, and each linked to a
 * runbook section that says what it means, what to check and how to mitigate. Under CI a missing
 * promtool is a failure (.ci/run installs it); on a developer's machine without it those two
 * checks are skipped.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = path.resolve(import.meta.dirname, "../..");
const RULES = path.join(ROOT, "deploy/prometheus/alerts.yml");
const RULE_TESTS = path.join(ROOT, "deploy/prometheus/alerts.test.yml");
const RUNBOOK = path.join(ROOT, "docs/runbook.md");

interface AlertRule {
  alert: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface RuleTests {
  tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[];
}

function alertRules(): AlertRule[] {
  const doc = parse(readFileSync(RULES, "utf8")) as { groups: { rules: AlertRule[] }[] };
  return doc.groups.flatMap((group) => group.rules);
}

const promtoolFound = spawnSync("promtool", ["--version"], { encoding: "utf8" }).status === 0;
const inCi = process.env.CI === "true";

function promtool(...args: string[]) {
  return spawnSync("promtool", args, { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
}

describe("promtool", () => {
  it.runIf(inCi)("is installed under CI", () => {
    expect(promtoolFound, "promtool is missing: .ci/run installs Debian's prometheus package, which provides it").toBe(true);
  });

  it.runIf(promtoolFound)("accepts the rules", () => {
    const result = promtool("check", "rules", RULES);
    expect(result.stdout + result.stderr).toContain("SUCCESS");
    expect(result.status).toBe(0);
  });

  it.runIf(promtoolFound)("passes the rules' unit tests", () => {
    const result = promtool("test", "rules", RULE_TESTS);
    expect(result.stdout + result.stderr).toContain("SUCCESS");
    expect(result.status).toBe(0);
  });
});

describe("the alert rules", () => {
  const rules = alertRules();

  it("each have a severity, a summary and a description", () => {
    expect(rules.length).toBeGreaterThan(10);
    for (const rule of rules) {
      expect(["critical", "warning"], rule.alert).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      expect(rule.annotations?.description, rule.alert).toBeTruthy();
    }
  });

  it("each link to a runbook section that says what it means, what to check first and how to mitigate", () => {
    const runbook = readFileSync(RUNBOOK, "utf8");
    const sections = new Map(
      runbook.split(/^## /m).slice(1).map((section) => {
        const [heading = "", ...body] = section.split("\n");
        return [heading.trim().toLowerCase().replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-"), body.join("\n")] as const;
      }),
    );
    for (const rule of rules) {
      const url = rule.annotations?.runbook_url ?? "";
      const [file, anchor = ""] = url.split("#");
      expect(file, rule.alert).toBe("docs/runbook.md");
      const section = sections.get(anchor);
      expect(section, `runbook section #${anchor} for ${rule.alert}`).toBeDefined();
      expect(anchor).toBe(rule.alert.toLowerCase());
      for (const part of ["**Means.**", "**First checks.**", "**Mitigate.**"]) expect(section, `${rule.alert}: ${part}`).toContain(part);
    }
  });

  it("are each unit-tested firing at least once", () => {
    const doc = parse(readFileSync(RULE_TESTS, "utf8")) as RuleTests;
    const fired = new Set(doc.tests.flatMap((test) => (test.alert_rule_test ?? []).filter((check) => check.exp_alerts.length > 0).map((check) => check.alertname)));
    for (const rule of rules) expect(fired.has(rule.alert), `${rule.alert} has a test where it fires`).toBe(true);
  });
});
