/**
 * Engine overhead per turn in template mode, with the state parsed from JSON and serialised back
 * each turn (as the service does), on the shipped English intake + its technique (~40 actions).
 * Also the state size of a 200-turn session. Run: npx tsx bench/engine.bench.ts
 */
import path from "node:path";
import { compileProject } from "../server/engine/project";
import { collect, start, turn, type SessionState } from "../server/engine/runtime";
import { templateLlm } from "../server/engine/llm/template";
import { readYamlFiles } from "../server/lib/yaml-files";
import { percentile } from "./stats";
import { provideShippedModels } from "../server/services/shipped-models";

provideShippedModels();

const root = path.resolve(import.meta.dirname, "..");
const project = compileProject(await readYamlFiles(path.join(root, "scripts")));
const intake = project.results.get("sessions/first-session-intake.en.yaml");
if (!intake?.ok) throw new Error("the intake does not compile");
const actions = (intake.script.kind === "session" ? intake.script.session.phases : [])
  .flatMap((p) => p.topics)
  .flatMap((t) => t.actions).length;
const techniqueActions = Object.values(project.techniques).reduce((n, t) => n + t.technique.topic.actions.length, 0);

const options = { llm: templateLlm, scriptVersion: "bench", techniques: project.techniques };
// A client who answers everything, takes the questionnaire and the thought exercise.
const replies = [
  "ok", "yes", "Sam", "I've been feeling low since I lost my job", "about three months, a lot", "feel like myself again",
  "no", "yes", "yes", "1", "2", "1", "1", "0", "2", "1", "1", "0", "yes",
  "my manager criticised my report", "sad, 80", "I'm useless", "90", "I made mistakes before", "I got praised last month",
  "I made one mistake, that doesn't make me useless", "60", "50", "yes", "thanks", "it was helpful", "bye",
];


const perTurn: number[] = [];
const ROUNDS = 200;
for (let round = 0; round < ROUNDS; round++) {
  let stored = JSON.stringify((await collect(start(intake.script, options))).state);
  for (const reply of replies) {
    const t0 = performance.now();
    const state = JSON.parse(stored) as SessionState;
    if (state.status === "complete") break;
    const run = await collect(turn(intake.script, state, reply, options));
    stored = JSON.stringify(run.state);
    perTurn.push(performance.now() - t0);
  }
}

// State size: a session that never completes its questions, 200 client turns of ~400 characters.
const longYaml = `session:\n  session_id: long\n  phases:\n    - phase_id: p\n      topics:\n        - topic_id: t\n          actions:\n${Array.from(
  { length: 20 },
  (_, i) =>
    `            - action_type: ai_ask\n              action_id: a${i}\n              config:\n                content: "Tell me more (${i})."\n                max_rounds: 10\n                output: [{ get: v${i}, type: number, extraction_method: direct }]\n`,
).join("")}`;
const { compileScript } = await import("../server/engine/script");
const long = compileScript(longYaml);
if (!long.ok) throw new Error("long script does not compile");
let longRun = await collect(start(long.script, options));
let longTurns = 0;
while (longRun.state.status !== "complete") {
  longRun = await collect(turn(long.script, longRun.state, `so ${"word ".repeat(80)}`, options));
  longTurns++;
}

const med = percentile(perTurn, 0.5);
console.log(`engine turn overhead (template mode, intake: ${actions} actions + ${techniqueActions} in techniques, state JSON round trip included)`);
console.log(`  turns measured: ${perTurn.length}`);
console.log(`  median: ${med.toFixed(3)} ms   p95: ${percentile(perTurn, 0.95).toFixed(3)} ms   (target ≤ 0.5 ms median)`);
console.log(`  throughput: ${Math.round(1000 / med)} turns/s on one core`);
console.log(`state size after ${longTurns} turns: ${Buffer.byteLength(JSON.stringify(longRun.state))} bytes (target ≤ 65536)`);
