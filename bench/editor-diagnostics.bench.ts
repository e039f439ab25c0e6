/**
 * Editor diagnostics speed: `studioTry.analyse`'s service on a generated 1,000-line session draft
 * in a project of 37 files (the shipped examples + 30 techniques) on a real database (PGlite, or
 * Postgres with DATABASE_URL): the project read, the compile against the project's techniques,
 * the outline, variables and placeholders. Target: ≤ 300 ms (the editor shows diagnostics that
 * long after the author stops typing; debounce and network come on top).
 * Also the try-it start on the same draft (template mode).
 * Run: npx tsx bench/editor-diagnostics.bench.ts [iterations]
 */
import os from "node:os";
import path from "node:path";
import { readFile } from "node:fs/promises";
import { seedExampleScripts } from "../server/services/seed";
import { analyseDraft } from "../server/services/studio/editor/analyse";
import { describeDraft } from "../server/services/studio/editor/outline";
import { clearProjectDraftCache, compileDraft, loadProjectContext } from "../server/services/studio/editor/project-drafts";
import { startTry } from "../server/services/studio/try/run";
import { templateLlm } from "../server/engine/llm/template";
import { createTestDatabase } from "../tests/support/test-database";
import { askAction, sayAction, thinkAction } from "./generated-actions";
import { stats } from "./stats";

const iterations = Number(process.argv[2] ?? 40);
const EXTRA_TECHNIQUES = 30;
const root = path.resolve(import.meta.dirname, "..");

/** About 1,000 lines: 4 phases × 5 topics × 8 actions, every action type, conditions, placeholders, skill calls. */
function generateDraft(): string {
  const lines = [
    "metadata: { name: Editor benchmark, version: '1.0', language: en }",
    "session:",
    "  session_id: editor_bench",
    "  session_name: Editor benchmark",
    "  declare:",
    "    - { var: user_name, type: text, define: what the client wants to be called }",
    "  phases:",
  ];
  let n = 0;
  for (let p = 0; p < 4; p++) {
    lines.push(`    - phase_id: phase_${p}`, `      phase_name: Phase ${p}`, `      phase_goal: work through part ${p} with \${user_name}`);
    if (p > 0) lines.push(`      entry_condition: "risk_level != 'high'"`);
    lines.push("      topics:");
    for (let t = 0; t < 5; t++) {
      lines.push(`        - topic_id: topic_${p}_${t}`, `          topic_goal: explore topic ${t} gently`, "          actions:");
      for (let a = 0; a < 8; a++) {
        n++;
        switch (a % 4) {
          case 0:
            lines.push(...sayAction(n, ["tone: warm", `say_goal: step ${n} is understood`]));
            break;
          case 1:
            lines.push(...askAction(n));
            break;
          case 2:
            lines.push(...thinkAction(n));
            break;
          default:
            lines.push(
              "            - action_type: use_skill",
              `              action_id: skill_${n}`,
              `              condition: "judged_${n - 1} == true"`,
              "              config:",
              `                skill: technique_${n % EXTRA_TECHNIQUES}`,
              "                input: [{ set: client_name, value: '${user_name}' }]",
            );
        }
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

async function time(label: string, run: (i: number) => Promise<unknown> | unknown, target?: number): Promise<void> {
  for (let i = 0; i < 10; i++) await run(-1 - i); // warm-up (JIT)
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  const { median, p95 } = stats(samples);
  const verdict = target === undefined ? "" : `  (target ≤ ${target} ms: ${p95 <= target ? "met" : "MISSED"} at p95)`;
  console.log(`${label.padEnd(44)} median ${median.toFixed(1).padStart(6)} ms, p95 ${p95.toFixed(1).padStart(6)} ms${verdict}`);
}

const testDb = await createTestDatabase();
try {
  const prisma = testDb.db.prisma;
  await seedExampleScripts(prisma, path.join(root, "scripts"));
  const project = await prisma.project.findFirstOrThrow({ where: { slug: "default" } });
  const technique = await readFile(path.join(root, "scripts/techniques/cognitive_restructuring.yaml"), "utf8");
  for (let i = 0; i < EXTRA_TECHNIQUES; i++) {
    await prisma.script.create({
      data: {
        projectId: project.id,
        path: `techniques/bench/technique_${i}.yaml`,
        kind: "technique",
        scriptKey: `technique_${i}`,
        draftYaml: technique.replace("technique_id: cognitive_restructuring", `technique_id: technique_${i}`),
      },
    });
  }
  const files = await prisma.script.count({ where: { projectId: project.id, deletedAt: null } });
  const draft = generateDraft();
  const draftPath = "sessions/editor-bench.yaml";
  const result = await analyseDraft(prisma, project.id, { yaml: draft, path: draftPath });
  const counts = { error: 0, warning: 0, hint: 0 };
  for (const d of result.diagnostics) counts[d.severity]++;
  console.log(
    `draft: ${draft.split("\n").length - 1} lines, ${(draft.length / 1024).toFixed(0)} KB; project: ${files} files; ` +
      `diagnostics: ${counts.error} errors, ${counts.warning} warnings, ${counts.hint} hints; ` +
      `outline: ${result.outline[0]?.children.length ?? 0} phases; ${result.variables.length} variables; ${result.placeholders.length} placeholders`,
  );
  console.log(`database: ${testDb.target.kind}; iterations: ${iterations}`);

  // What the author waits for: a keystroke somewhere in the middle, different each time.
  const marker = "Let us look at step 81 together.";
  const edited = (i: number) => ({ yaml: draft.replace(marker, `Let us look at step 81 together (edit ${i}).`), path: draftPath });
  await time("analyse after a one-line edit (warm cache):", (i) => analyseDraft(prisma, project.id, edited(i)), 300);
  const broken = (i: number) => ({ ...edited(i), yaml: edited(i).yaml.replaceAll("skill: technique_", "skill: missing_").replace("phase_id: phase_2", "phase_id: phase 2") });
  const brokenResult = await analyseDraft(prisma, project.id, broken(0));
  await time(`analyse, draft with ${brokenResult.diagnostics.length} problems (warm cache):`, (i) => analyseDraft(prisma, project.id, broken(i)), 300);
  await time("analyse, cold cache (reads every file):", (i) => {
    clearProjectDraftCache();
    return analyseDraft(prisma, project.id, edited(i));
  }, 300);

  // Where the time goes (warm cache).
  await time("  of which: project read (ids + revisions)", () => loadProjectContext(prisma, project.id, { yaml: draft, path: draftPath }));
  const context = await loadProjectContext(prisma, project.id, { yaml: draft, path: draftPath });
  await time("  of which: compile against the project", (i) => compileDraft(context, edited(i)));
  await time("  of which: outline, variables, placeholders", (i) => describeDraft(edited(i).yaml));

  const deps = { prisma, llmFor: () => templateLlm, modelConfigured: false };
  await time("try-it start, template mode (warm cache):", (i) => startTry(deps, { projectId: project.id, ...edited(i) }));
  console.log(`machine: ${os.cpus().length} CPUs, load (1 min) ${os.loadavg()[0]?.toFixed(2)}`);
} finally {
  await testDb.drop();
}
