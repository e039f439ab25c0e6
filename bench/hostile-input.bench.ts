/**
 * How long hostile input takes to be refused: alias bombs and deep nesting in scripts, a 10 MB
 * script, binary junk, a file full of problems, zip bombs in an import, and a 110 KB chat message
 * for the risk rules. The tests check that each is refused (hostile.test.ts, archive.test.ts,
 * rule-detector.test.ts); this prints the time, beside the bound each once asserted, which caught
 * exponential blow-ups rather than measured speed.
 * Run: npx tsx bench/hostile-input.bench.ts [iterations]
 */
import os from "node:os";
import { detectRiskByRules } from "../server/engine/safety/rule-detector";
import { validateScript } from "../server/engine/script";
import { readArchive } from "../server/services/studio/files/archive";
import { craftZip, deflateBomb } from "../tests/support/crafted-zip";
import { billionLaughs, binaryJunk, pathologicalConditions } from "../tests/support/hostile-scripts";
import { stats } from "./stats";

const iterations = Number(process.argv[2] ?? 5);

const junk = binaryJunk();

const bombData = deflateBomb(2048);
const bomb = craftZip([{ name: "sessions/bomb.yaml", method: 8, data: bombData, declaredSize: 100 }]);
const sharedBomb = craftZip(
  Array.from({ length: 20 }, (_, i) => ({ name: `sessions/f${i}.yaml`, method: 8 as const, data: bombData, declaredSize: 1000 })),
  { shareData: true },
);

/** Name, the bound the tests used to assert (ms), and the work. */
const cases: [string, number, () => unknown][] = [
  ["script: billion-laughs alias bomb", 2_000, () => validateScript(billionLaughs)],
  ["script: 200,000 nested brackets", 2_000, () => validateScript(`session: ${"[".repeat(200_000)}${"]".repeat(200_000)}`)],
  ["script: 1,500 levels of indentation", 5_000, () => validateScript(Array.from({ length: 1_500 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n"))],
  ["script: 10 MB file", 500, () => validateScript(`session:\n  description: "${"x".repeat(10 * 1024 * 1024)}"\n`)],
  ["script: 50 KB of binary junk", 500, () => validateScript(junk)],
  ["script: 5,000 problems", 3_000, () => validateScript(`session:\n${Array.from({ length: 5_000 }, (_, i) => `  bad_${i}: 1`).join("\n")}\n`)],
  ["script: pathological conditions", 2_000, () => validateScript(pathologicalConditions)],
  ["import: zip bomb declaring 100 bytes", 1_000, () => readArchive(bomb)],
  ["import: 20 entries sharing a bomb's data", 1_000, () => readArchive(sharedBomb)],
  ["risk rules: 110 KB message", 2_000, () => detectRiskByRules("I had a long day at work and the traffic was terrible. ".repeat(2000) + "I want to kill myself")],
];

/** Runs `work`, which may throw (a refused archive does): only the time counts. */
function timeOnce(work: () => unknown): number {
  const started = performance.now();
  try {
    work();
  } catch {
    // Refusing is the expected outcome here; the tests check how.
  }
  return performance.now() - started;
}

console.log(`${iterations} runs each after one warm-up; machine load (1 min): ${os.loadavg()[0]?.toFixed(2)}`);
for (const [name, bound, work] of cases) {
  timeOnce(work);
  const { median, p95 } = stats(Array.from({ length: iterations }, () => timeOnce(work)));
  console.log(`  ${name.padEnd(42)} median ${median.toFixed(1).padStart(7)} ms, p95 ${p95.toFixed(1).padStart(7)} ms (old test bound ${bound} ms)`);
}
