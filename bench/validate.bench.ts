/**
 * Validation speed on a generated 5,000-action script (about 1 MB), with full diagnostics.
 * Targets: median ≤ 150 ms for a full validation and for re-validation after a one-line edit.
 * Run: npx tsx bench/validate.bench.ts [iterations]
 */
import { validateScript } from "../server/engine/script";
import { askAction, sayAction, thinkAction } from "./generated-actions";
import { stats } from "./stats";

const ACTIONS = 5_000;
const iterations = Number(process.argv[2] ?? 30);

/** 10 phases × 10 topics × 50 actions, mixing every action type, conditions and placeholders. */
function generateScript(): string {
  const lines: string[] = [
    "metadata: { name: Benchmark, version: '1.0', language: en }",
    "session:",
    "  session_id: bench",
    "  declare:",
    "    - { var: user_name, type: text, define: what the client wants to be called }",
    "  phases:",
  ];
  let n = 0;
  for (let p = 0; p < 10; p++) {
    lines.push(`    - phase_id: phase_${p}`, `      phase_goal: goal of phase ${p}`, "      topics:");
    for (let t = 0; t < 10; t++) {
      lines.push(`        - topic_id: topic_${p}_${t}`, `          topic_goal: explore topic ${t} gently with \${user_name}`, "          actions:");
      for (let a = 0; a < ACTIONS / 100; a++) {
        n++;
        switch (a % 5) {
          case 0:
            lines.push(...sayAction(n));
            break;
          case 1:
            lines.push(...askAction(n));
            break;
          case 2:
            lines.push(...thinkAction(n));
            break;
          case 3:
            // An older-style action: an alias beside `config` (one hint each).
            lines.push("            - action_type: ai_say", `              action_id: legacy_${n}`, `              content_template: "Step ${n} is done."`);
            break;
          default:
            lines.push(
              "            - action_type: ai_ask",
              `              action_id: check_${n}`,
              `              condition: "judged_${n - 2} == true"`,
              "              config:",
              "                content: Shall we go on?",
              `                target_variable: go_on_${n}`,
              "                extraction_prompt: yes or no",
            );
        }
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

interface Samples {
  wall: number[];
  /** CPU time of this process (all threads, GC included): far less sensitive to other work on the machine. */
  cpu: number[];
}

function time(run: (i: number) => unknown): Samples {
  for (let i = 0; i < 3; i++) run(-1 - i); // warm-up
  const samples: Samples = { wall: [], cpu: [] };
  for (let i = 0; i < iterations; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    run(i);
    samples.wall.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    samples.cpu.push((cpu.user + cpu.system) / 1000);
  }
  return samples;
}

function report(label: string, samples: Samples): void {
  const wall = stats(samples.wall);
  const cpu = stats(samples.cpu);
  console.log(
    `${label.padEnd(22)} median ${wall.median.toFixed(1)} ms, p95 ${wall.p95.toFixed(1)} ms` +
      `  (CPU median ${cpu.median.toFixed(1)} ms, p95 ${cpu.p95.toFixed(1)} ms; target ≤ 150 ms median)`,
  );
}

const script = generateScript();
const first = validateScript(script);
const counts = { error: 0, warning: 0, hint: 0 };
for (const d of first) counts[d.severity]++;
console.log(`script: ${(script.length / 1024 / 1024).toFixed(2)} MB, ${ACTIONS} actions, ${script.split("\n").length} lines`);
console.log(`diagnostics: ${counts.error} errors, ${counts.warning} warnings, ${counts.hint} hints`);

report("full validation:", time(() => validateScript(script)));

// A one-line edit in the middle of the file, different each time (nothing can be served from a cache).
const marker = "Let us look at step 2501 together.";
report("after a one-line edit:", time((i) => validateScript(script.replace(marker, `Let us look at step 2501 together (edit ${i}).`))));
console.log(`machine load (1 min): ${(await import("node:os")).loadavg()[0]?.toFixed(2)}`);
