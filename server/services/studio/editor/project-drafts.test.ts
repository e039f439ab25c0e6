import { beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../../db/generated/client";
import { clearProjectDraftCache, compileDraft, compileOthers, loadProjectContext } from "./project-drafts";

interface Row {
  id: string;
  path: string;
  draftRevision: number;
  draftYaml: string;
}

const technique = (id: string, calls?: string) => `technique_id: ${id}
topic:
  topic_id: ${id}
  actions:
    - { action_type: ai_say, action_id: say_${id}, config: { content: hi } }
${calls ? `    - { action_type: use_skill, action_id: call_${id}, config: { skill: ${calls} } }\n` : ""}`;

const session = (skill: string) => `session:
  session_id: s
  phases:
    - phase_id: p
      topics:
        - topic_id: t
          actions:
            - { action_type: use_skill, action_id: call, config: { skill: ${skill} } }
`;

const safety = "triggers:\n  - { trigger_id: sad, on: keyword, keywords: [hopeless], run: { skill: a } }\n";

/** A stand-in for prisma.script.findMany that counts how many texts it was asked for. */
function fakeDb(rows: Row[]) {
  const reads = { lists: 0, texts: 0 };
  const db = {
    script: {
      findMany: async (args: { where: { id?: { in: string[] } }; select: Record<string, boolean> }) => {
        if (args.where.id) {
          reads.texts += args.where.id.in.length;
          return rows.filter((r) => args.where.id!.in.includes(r.id)).map(({ id, draftRevision, draftYaml }) => ({ id, draftRevision, draftYaml }));
        }
        reads.lists++;
        return rows.map(({ id, path, draftRevision }) => ({ id, path, draftRevision }));
      },
    },
  } as unknown as Pick<PrismaClient, "script">;
  return { db, reads };
}

beforeEach(() => clearProjectDraftCache());

describe("a draft in its project", () => {
  it("checks use_skill against the other drafts' technique ids and reads each file's text once per revision", async () => {
    const rows: Row[] = [
      { id: "1", path: "techniques/a.yaml", draftRevision: 1, draftYaml: technique("a") },
      { id: "2", path: "safety/rules.yaml", draftRevision: 1, draftYaml: safety },
    ];
    const { db, reads } = fakeDb(rows);
    const draft = { path: "sessions/s.yaml", yaml: session("a") };
    const context = await loadProjectContext(db, "p", draft);
    expect([...context.knownTechniques]).toEqual(["a"]);
    expect(compileDraft(context, draft).ok).toBe(true);
    expect(compileDraft(context, { ...draft, yaml: session("b") }).diagnostics.map((d) => d.code)).toContain("unknown-technique");
    expect(reads.texts).toBe(2);

    await loadProjectContext(db, "p", draft);
    expect(reads).toEqual({ lists: 2, texts: 2 });

    rows[0] = { ...rows[0]!, draftRevision: 2, draftYaml: technique("b") };
    const changed = await loadProjectContext(db, "p", draft);
    expect([...changed.knownTechniques]).toEqual(["b"]);
    expect(reads.texts).toBe(3);
  });

  it("replaces the edited file by the draft, and counts a technique draft's own id", async () => {
    const { db } = fakeDb([{ id: "1", path: "techniques/a.yaml", draftRevision: 1, draftYaml: technique("a") }]);
    const context = await loadProjectContext(db, "p", { path: "techniques/a.yaml", yaml: technique("renamed") });
    expect([...context.knownTechniques]).toEqual(["renamed"]);
    expect(context.others).toEqual([]);
  });

  it("compiles the others' techniques and safety rules, leaving out files with errors, and recompiles when the known ids change", async () => {
    const rows: Row[] = [
      { id: "1", path: "techniques/a.yaml", draftRevision: 1, draftYaml: technique("a") },
      { id: "2", path: "techniques/c.yaml", draftRevision: 1, draftYaml: technique("c", "x") },
      { id: "3", path: "safety/rules.yaml", draftRevision: 1, draftYaml: safety },
      { id: "4", path: "techniques/broken.yaml", draftRevision: 1, draftYaml: "topic:\n  topic_id: broken\n" },
    ];
    const { db } = fakeDb(rows);
    const first = compileOthers(await loadProjectContext(db, "p", { yaml: session("a") }));
    expect(Object.keys(first.techniques).sort()).toEqual(["a"]);
    expect(first.safety.safetyTriggers.map((t) => t.trigger_id)).toEqual(["sad"]);
    expect(first.safety.crisisKeywords).toEqual([]);

    const again = compileOthers(await loadProjectContext(db, "p", { yaml: session("a") }));
    expect(again.techniques.a).toBe(first.techniques.a);

    // The draft is now technique x, which c calls: c compiles.
    const withX = compileOthers(await loadProjectContext(db, "p", { yaml: technique("x") }));
    expect(Object.keys(withX.techniques).sort()).toEqual(["a", "c"]);
  });
});
