/**
 * The studio's files, drafts and versions against a real database: access checks (roles and
 * projects), file operations (create with skeletons, rename, soft delete and restore, duplicate),
 * drafts without lost edits, publishing, numbering, diff, rollback, zip export and import (with
 * hostile paths), and running sessions staying on the version they started with.
 */
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { TRPCError } from "@trpc/server";
import { strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { startSession } from "@/server/services/sessions/start-session";
import { runTurn } from "@/server/services/sessions/run-turn";
import { issueClientToken } from "@/server/auth/identity";
import { getLogger } from "@/server/log";
import { GET as exportRoute } from "@/app/api/studio/projects/[projectId]/export/route";
import { POST as importRoute } from "@/app/api/studio/projects/[projectId]/import/route";
import { craftZip, deflateBomb } from "../support/crafted-zip";
import { callerFor } from "../support/test-platform";
import { errorOf, signedInCookies } from "../support/auth";
import { sessionDeps } from "../support/seeded-scripts";
import { setUpTestDatabase } from "../support/set-up-test-database";

// The route handlers read the process-wide platform.
const testDb = setUpTestDatabase({ examples: true, routes: true });
let projectA: string;
let projectB: string;
let fileB: string;
let cookies: { authorA: string; authorB: string; admin: string; nobody: string };

beforeAll(async () => {
  const prisma = testDb.db.prisma;
  projectA = (await prisma.project.create({ data: { slug: "studio-a", name: "Studio A" } })).id;
  projectB = (await prisma.project.create({ data: { slug: "studio-b", name: "Studio B" } })).id;
  fileB = (await prisma.script.create({ data: { projectId: projectB, path: "sessions/b.yaml", kind: "session", scriptKey: "b", draftYaml: "session: {}\n" } })).id;
  cookies = await signedInCookies(testDb.platform, { authorA: { projectIds: [projectA] }, authorB: { projectIds: [projectB] }, admin: { role: "admin" }, nobody: {} });
});

/**
 * A project of its own holding these files, and a caller for an author of it alone: for tests
 * that need to know every file in a project, whatever ran before them.
 */
async function projectWith(slug: string, files: Record<string, string | undefined> = {}) {
  const { id } = await testDb.db.prisma.project.create({ data: { slug, name: slug } });
  const { author } = await signedInCookies(testDb.platform, { author: { projectIds: [id] } });
  const caller = callerFor(testDb.platform, { cookie: author });
  for (const [path, yaml] of Object.entries(files)) await caller.studioFiles.create({ projectId: id, path, ...(yaml === undefined ? {} : { yaml }) });
  return { project: id, a: caller };
}

const as = (who: keyof typeof cookies, headers: Record<string, string> = {}) => callerFor(testDb.platform, { ...headers, cookie: cookies[who] });
const codeOf = (error: unknown) => (error instanceof TRPCError ? error.code : undefined);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : "");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A session that greets, asks a name, runs the `breathing` technique when `withSkill`, and thanks. */
function sessionYaml(edition: string, options: { id?: string; withSkill?: boolean } = {}): string {
  const skill = options.withSkill
    ? `
            - action_type: use_skill
              action_id: run_breathing
              config:
                skill: breathing`
    : "";
  return `metadata: { client_description: A short demo conversation. }
session:
  session_id: ${options.id ?? "studio_demo"}
  declare:
    - var: client_name
      type: text
      define: what the client would like to be called
  phases:
    - phase_id: opening
      topics:
        - topic_id: welcome
          actions:
            - action_type: ai_ask
              action_id: ask_name
              config:
                content: What would you like me to call you? (${edition})
                output:
                  - get: client_name
                    type: text
                    define: the name the client gives
                    extraction_method: direct
                max_rounds: 1${skill}
            - action_type: ai_say
              action_id: thanks
              config:
                content: Thank you, \${client_name}. (${edition})
`;
}

function techniqueYaml(edition: string): string {
  return `technique_id: breathing
topic:
  topic_id: breathing
  actions:
    - action_type: ai_say
      action_id: breathe
      config:
        content: Breathe in slowly. (${edition})
`;
}

const params = (projectId: string) => ({ params: Promise.resolve({ projectId }) });
const exportAs = (who: keyof typeof cookies | null, projectId: string) =>
  exportRoute(new Request(`http://heartline.test/api/studio/projects/${projectId}/export`, { headers: who ? { cookie: cookies[who] } : {} }), params(projectId));
const importAs = (who: keyof typeof cookies | null, projectId: string, body: Uint8Array, headers: Record<string, string> = {}) =>
  importRoute(
    new Request(`http://heartline.test/api/studio/projects/${projectId}/import`, {
      method: "POST",
      headers: { "content-type": "application/zip", ...(who ? { cookie: cookies[who] } : {}), ...headers },
      body: body as Uint8Array<ArrayBuffer>,
    }),
    params(projectId),
  );
const zip = (entries: Record<string, string>) => {
  const files: Zippable = {};
  for (const [name, text] of Object.entries(entries)) files[name] = strToU8(text);
  return zipSync(files);
};

describe("access", () => {
  it("needs a signed-in counsellor or author: anonymous callers and clients are UNAUTHORIZED", async () => {
    const anonymous = callerFor(testDb.platform);
    const client = callerFor(testDb.platform, { cookie: `hl_client=${encodeURIComponent(issueClientToken("c_studio", testDb.platform.env.AUTH_SECRET))}` });
    for (const caller of [anonymous, client]) {
      expect(codeOf(await errorOf(caller.studioFiles.projects()))).toBe("UNAUTHORIZED");
      expect(codeOf(await errorOf(caller.studioFiles.list({ projectId: projectA })))).toBe("UNAUTHORIZED");
      expect(codeOf(await errorOf(caller.studioFiles.create({ projectId: projectA, path: "sessions/x.yaml" })))).toBe("UNAUTHORIZED");
      expect(codeOf(await errorOf(caller.studioFiles.saveDraft({ projectId: projectB, scriptId: fileB, yaml: "x", expectedRevision: 1 })))).toBe("UNAUTHORIZED");
    }
  });

  it("lists the projects a user may open; admins see every project", async () => {
    expect(await as("authorA").studioFiles.projects()).toEqual([{ id: projectA, slug: "studio-a", name: "Studio A", canEdit: true }]);
    expect(await as("nobody").studioFiles.projects()).toEqual([]);
    const all = await as("admin").studioFiles.projects();
    // Every project, whichever other tests have added.
    const every = await testDb.db.prisma.project.findMany({ select: { id: true } });
    expect(all.map((p) => p.id).sort()).toEqual(every.map((p) => p.id).sort());
    expect(all.map((p) => p.id)).toEqual(expect.arrayContaining([testDb.projectId, projectA, projectB]));
    expect(all.every((p) => p.canEdit)).toBe(true);
  });

  it("is NOT_FOUND for another project and for another project's file, whatever the procedure", async () => {
    const a = as("authorA");
    expect(codeOf(await errorOf(a.studioFiles.list({ projectId: projectB })))).toBe("NOT_FOUND");
    expect(codeOf(await errorOf(a.studioFiles.get({ projectId: projectB, scriptId: fileB })))).toBe("NOT_FOUND");
    // Naming their own project does not reach B's file either.
    expect(codeOf(await errorOf(a.studioFiles.get({ projectId: projectA, scriptId: fileB })))).toBe("NOT_FOUND");
    // Thunks, called one at a time: a rejection must never wait unobserved.
    const attempts: (() => Promise<unknown>)[] = [
      () => a.studioFiles.saveDraft({ projectId: projectA, scriptId: fileB, yaml: "mine now", expectedRevision: 1 }),
      () => a.studioFiles.saveDraft({ projectId: projectB, scriptId: fileB, yaml: "mine now", expectedRevision: 1 }),
      () => a.studioFiles.rename({ projectId: projectA, scriptId: fileB, path: "sessions/stolen.yaml" }),
      () => a.studioFiles.remove({ projectId: projectA, scriptId: fileB }),
      () => a.studioFiles.restore({ projectId: projectA, scriptId: fileB }),
      () => a.studioFiles.duplicate({ projectId: projectA, scriptId: fileB, path: "sessions/copy.yaml" }),
      () => a.studioFiles.publish({ projectId: projectA, scriptId: fileB, note: "", expectedRevision: 1 }),
      () => a.studioFiles.diff({ projectId: projectA, scriptId: fileB, from: 1, to: "draft" }),
      () => a.studioFiles.rollback({ projectId: projectA, scriptId: fileB, toNumber: 1 }),
      () => a.studioFiles.create({ projectId: projectB, path: "sessions/x.yaml" }),
      () => as("nobody").studioFiles.list({ projectId: projectA }),
      () => as("authorA").studioFiles.list({ projectId: "no-such-project" }),
    ];
    for (const attempt of attempts) expect(codeOf(await errorOf(attempt()))).toBe("NOT_FOUND");
    const b = await testDb.db.prisma.script.findUniqueOrThrow({ where: { id: fileB } });
    expect(b).toMatchObject({ path: "sessions/b.yaml", draftYaml: "session: {}\n", draftRevision: 1, deletedAt: null });
    expect(await testDb.db.prisma.script.count({ where: { projectId: projectA, path: "sessions/copy.yaml" } })).toBe(0);

    // The owner and admins reach it.
    expect((await as("authorB").studioFiles.get({ projectId: projectB, scriptId: fileB })).path).toBe("sessions/b.yaml");
    expect((await as("admin").studioFiles.list({ projectId: projectB })).map((f) => f.id)).toContain(fileB);
  });

  it("refuses mutations sent from another site", async () => {
    const evil = as("authorA", { host: "heartline.example", origin: "https://evil.example" });
    expect(codeOf(await errorOf(evil.studioFiles.create({ projectId: projectA, path: "sessions/csrf.yaml" })))).toBe("FORBIDDEN");
    expect(await testDb.db.prisma.script.count({ where: { path: "sessions/csrf.yaml" } })).toBe(0);
  });
});

describe("files", () => {
  it("creates files with a valid skeleton for their folder, or the given YAML", async () => {
    const a = as("authorA");
    const session = await a.studioFiles.create({ projectId: projectA, path: "sessions/first-visit.yaml" });
    expect(session).toMatchObject({ path: "sessions/first-visit.yaml", kind: "session", scriptKey: "first_visit", draftRevision: 1, deletedAt: null, latestVersion: null, unpublishedChanges: true });
    const technique = await a.studioFiles.create({ projectId: projectA, path: " techniques/box-breathing.yml " });
    expect(technique).toMatchObject({ path: "techniques/box-breathing.yml", kind: "technique", scriptKey: "box_breathing" });
    const safety = await a.studioFiles.create({ projectId: projectA, path: "safety/triggers.yaml" });
    expect(safety).toMatchObject({ kind: "safety", scriptKey: "triggers" });
    for (const file of [session, technique, safety]) {
      const detail = await a.studioFiles.get({ projectId: projectA, scriptId: file.id });
      expect(detail.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(detail.versions).toEqual([]);
    }

    // Given YAML: kind and key come from compiling it, whatever the folder says.
    const given = await a.studioFiles.create({ projectId: projectA, path: "misc/named.yaml", yaml: techniqueYaml("draft") });
    expect(given).toMatchObject({ kind: "technique", scriptKey: "breathing" });
    // A draft with errors: kind from the folder, key from the file name.
    const broken = await a.studioFiles.create({ projectId: projectA, path: "techniques/half-done.yaml", yaml: "topic:\n  topic_id: [oops\n" });
    expect(broken).toMatchObject({ kind: "technique", scriptKey: "half_done" });
    const detail = await a.studioFiles.get({ projectId: projectA, scriptId: broken.id });
    expect(detail.draftYaml).toBe("topic:\n  topic_id: [oops\n");
    expect(detail.diagnostics[0]).toMatchObject({ severity: "error", line: expect.any(Number), column: expect.any(Number) });
  });

  it("refuses bad and taken paths with clear messages", async () => {
    const { project, a } = await projectWith("paths-taken", { "sessions/first-visit.yaml": undefined });
    for (const bad of ["../outside.yaml", "/abs/x.yaml", "sessions/x.txt", "sessions/../x.yaml", ""]) {
      const error = await errorOf(a.studioFiles.create({ projectId: project, path: bad }));
      expect(codeOf(error), bad).toBe("BAD_REQUEST");
    }
    const taken = await errorOf(a.studioFiles.create({ projectId: project, path: "sessions/first-visit.yaml" }));
    expect(codeOf(taken)).toBe("CONFLICT");
    expect(messageOf(taken)).toBe("A file with the path sessions/first-visit.yaml already exists in this project. Choose another path.");
    // Paths are per project.
    expect((await as("authorB").studioFiles.create({ projectId: projectB, path: "sessions/first-visit.yaml" })).path).toBe("sessions/first-visit.yaml");
  });

  it("lists files sorted by path, without deleted ones unless asked", async () => {
    const { project, a } = await projectWith("listed", {
      "sessions/first-visit.yaml": undefined,
      "techniques/box-breathing.yml": undefined,
      "safety/triggers.yaml": undefined,
      "misc/named.yaml": techniqueYaml("draft"),
      "techniques/half-done.yaml": "topic:\n  topic_id: [oops\n",
      "techniques/gone.yaml": undefined,
    });
    const gone = (await a.studioFiles.list({ projectId: project })).find((f) => f.path === "techniques/gone.yaml")!;
    await a.studioFiles.remove({ projectId: project, scriptId: gone.id });
    const list = await a.studioFiles.list({ projectId: project });
    const paths = list.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(["misc/named.yaml", "safety/triggers.yaml", "sessions/first-visit.yaml", "techniques/box-breathing.yml", "techniques/half-done.yaml"]);
    expect(list[0]).toEqual({
      id: expect.any(String),
      path: "misc/named.yaml",
      kind: "technique",
      scriptKey: "breathing",
      draftRevision: 1,
      deletedAt: null,
      updatedAt: expect.any(Date),
      latestVersion: null,
      unpublishedChanges: true,
    });
  });

  it("renames, refusing a taken or bad path", async () => {
    const { project: projectA, a } = await projectWith("renamed", { "techniques/half-done.yaml": "topic:\n  topic_id: [oops\n", "misc/named.yaml": techniqueYaml("draft") });
    const file = (await a.studioFiles.list({ projectId: projectA })).find((f) => f.path === "techniques/half-done.yaml")!;
    const moved = await a.studioFiles.rename({ projectId: projectA, scriptId: file.id, path: "techniques/later.yaml" });
    expect(moved).toMatchObject({ id: file.id, path: "techniques/later.yaml", scriptKey: "later" });
    expect(codeOf(await errorOf(a.studioFiles.rename({ projectId: projectA, scriptId: file.id, path: "misc/named.yaml" })))).toBe("CONFLICT");
    expect(codeOf(await errorOf(a.studioFiles.rename({ projectId: projectA, scriptId: file.id, path: "../x.yaml" })))).toBe("BAD_REQUEST");
    expect((await a.studioFiles.get({ projectId: projectA, scriptId: file.id })).path).toBe("techniques/later.yaml");
  });

  it("soft deletes and restores; a deleted file keeps its path and its content", async () => {
    const { project: projectA, a } = await projectWith("deleted", { "techniques/later.yaml": "topic:\n  topic_id: [oops\n" });
    const file = (await a.studioFiles.list({ projectId: projectA })).find((f) => f.path === "techniques/later.yaml")!;
    const removed = await a.studioFiles.remove({ projectId: projectA, scriptId: file.id });
    expect(removed.deletedAt).toBeInstanceOf(Date);
    expect((await a.studioFiles.list({ projectId: projectA })).map((f) => f.id)).not.toContain(file.id);
    const withDeleted = await a.studioFiles.list({ projectId: projectA, includeDeleted: true });
    expect(withDeleted.find((f) => f.id === file.id)?.deletedAt).toBeInstanceOf(Date);
    expect(await testDb.db.prisma.script.count({ where: { id: file.id } })).toBe(1);

    const saveDeleted = await errorOf(a.studioFiles.saveDraft({ projectId: projectA, scriptId: file.id, yaml: "x", expectedRevision: 1 }));
    expect(messageOf(saveDeleted)).toMatch(/deleted.*Restore/);
    const reuse = await errorOf(a.studioFiles.create({ projectId: projectA, path: "techniques/later.yaml" }));
    expect(codeOf(reuse)).toBe("CONFLICT");
    expect(messageOf(reuse)).toMatch(/deleted file already has the path techniques\/later\.yaml\. Restore it/);

    const restored = await a.studioFiles.restore({ projectId: projectA, scriptId: file.id });
    expect(restored.deletedAt).toBeNull();
    expect((await a.studioFiles.get({ projectId: projectA, scriptId: file.id })).draftYaml).toBe("topic:\n  topic_id: [oops\n");
  });

  it("duplicates a file as a new, unpublished draft", async () => {
    const { project: projectA, a } = await projectWith("duplicated", { "sessions/first-visit.yaml": undefined });
    const source = (await a.studioFiles.list({ projectId: projectA })).find((f) => f.path === "sessions/first-visit.yaml")!;
    const copy = await a.studioFiles.duplicate({ projectId: projectA, scriptId: source.id, path: "sessions/first-visit-copy.yaml" });
    expect(copy).toMatchObject({ path: "sessions/first-visit-copy.yaml", kind: "session", scriptKey: "first_visit", draftRevision: 1, latestVersion: null });
    expect(copy.id).not.toBe(source.id);
    const [a1, a2] = await Promise.all([a.studioFiles.get({ projectId: projectA, scriptId: source.id }), a.studioFiles.get({ projectId: projectA, scriptId: copy.id })]);
    expect(a2.draftYaml).toBe(a1.draftYaml);
    expect(codeOf(await errorOf(a.studioFiles.duplicate({ projectId: projectA, scriptId: source.id, path: "sessions/first-visit.yaml" })))).toBe("CONFLICT");
  });
});

describe("drafts", () => {
  it("refuses the second of two saves from the same revision and keeps the first", async () => {
    const a = as("authorA");
    const file = await a.studioFiles.create({ projectId: projectA, path: "sessions/two-tabs.yaml", yaml: sessionYaml("tab zero", { id: "two_tabs" }) });
    const first = await a.studioFiles.saveDraft({ projectId: projectA, scriptId: file.id, yaml: sessionYaml("tab one", { id: "two_tabs" }), expectedRevision: 1 });
    expect(first).toEqual({ revision: 2, diagnostics: [] });
    const second = await errorOf(a.studioFiles.saveDraft({ projectId: projectA, scriptId: file.id, yaml: sessionYaml("tab two", { id: "two_tabs" }), expectedRevision: 1 }));
    expect(codeOf(second)).toBe("CONFLICT");
    expect(messageOf(second)).toBe("This file was changed in another tab or by someone else (revision 2). Reload it before saving.");
    const stored = await a.studioFiles.get({ projectId: projectA, scriptId: file.id });
    expect(stored.draftYaml).toContain("(tab one)");
    expect(stored.draftRevision).toBe(2);

    // Saves racing from the same revision: exactly one wins.
    const racing = await Promise.allSettled(
      ["race a", "race b", "race c"].map((edition) => a.studioFiles.saveDraft({ projectId: projectA, scriptId: file.id, yaml: sessionYaml(edition, { id: "two_tabs" }), expectedRevision: 2 })),
    );
    expect(racing.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(racing.filter((r) => r.status === "rejected").map((r) => codeOf((r as PromiseRejectedResult).reason))).toEqual(["CONFLICT", "CONFLICT"]);
    expect((await a.studioFiles.get({ projectId: projectA, scriptId: file.id })).draftRevision).toBe(3);
  });

  it("saves drafts with errors and returns the diagnostics; saving the same text keeps the revision", async () => {
    const a = as("authorA");
    const file = await a.studioFiles.create({ projectId: projectA, path: "sessions/with-errors.yaml", yaml: sessionYaml("clean", { id: "with_errors" }) });
    const broken = `${sessionYaml("broken", { id: "with_errors" })}    - phase_id: [\n`;
    const saved = await a.studioFiles.saveDraft({ projectId: projectA, scriptId: file.id, yaml: broken, expectedRevision: file.draftRevision });
    expect(saved.revision).toBe(file.draftRevision + 1);
    expect(saved.diagnostics.some((d) => d.severity === "error")).toBe(true);
    const again = await a.studioFiles.saveDraft({ projectId: projectA, scriptId: file.id, yaml: broken, expectedRevision: saved.revision });
    expect(again.revision).toBe(saved.revision);
    // A retried autosave (the first answer lost) names the old revision: same text, so no conflict.
    const retried = await a.studioFiles.saveDraft({ projectId: projectA, scriptId: file.id, yaml: broken, expectedRevision: file.draftRevision });
    expect(retried.revision).toBe(saved.revision);
    expect(await a.studioFiles.get({ projectId: projectA, scriptId: file.id })).toMatchObject({ draftYaml: broken, draftRevision: saved.revision });
  });

  it("checks use_skill against the project's techniques", async () => {
    const { project: projectA, a } = await projectWith("skilled", { "misc/named.yaml": techniqueYaml("draft") });
    const file = await a.studioFiles.create({ projectId: projectA, path: "sessions/skilled.yaml", yaml: sessionYaml("skill", { id: "skilled", withSkill: false }) });
    // `breathing` exists in this project (misc/named.yaml) but not in project B.
    const inA = await a.studioFiles.saveDraft({ projectId: projectA, scriptId: file.id, yaml: sessionYaml("skill", { id: "skilled", withSkill: true }), expectedRevision: 1 });
    expect(inA.diagnostics.filter((d) => d.code === "unknown-technique")).toEqual([]);
    const fileInB = await as("authorB").studioFiles.create({ projectId: projectB, path: "sessions/skilled.yaml", yaml: sessionYaml("skill", { id: "skilled", withSkill: true }) });
    const inB = await as("authorB").studioFiles.get({ projectId: projectB, scriptId: fileInB.id });
    expect(inB.diagnostics.find((d) => d.code === "unknown-technique")).toMatchObject({ severity: "error", line: expect.any(Number) });

    // Publishing needs the technique published: sessions only run published techniques.
    const refused = await errorOf(a.studioFiles.publish({ projectId: projectA, scriptId: file.id, note: "", expectedRevision: 2 }));
    expect(codeOf(refused)).toBe("BAD_REQUEST");
    expect(messageOf(refused)).toMatch(/breathing.*Publish the techniques it uses first/);
  });
});

describe("versions", () => {
  /** A file of its own (`sessions/<id>.yaml`, session id `<id>`) with these editions published in order by author A. */
  async function fileWithVersions(id: string, editions: readonly string[]): Promise<string> {
    const a = as("authorA");
    const file = await a.studioFiles.create({ projectId: projectA, path: `sessions/${id}.yaml`, yaml: sessionYaml(editions[0]!, { id }) });
    for (const [index, edition] of editions.entries()) {
      const { draftRevision } = await a.studioFiles.get({ projectId: projectA, scriptId: file.id });
      const saved = index === 0 ? { revision: draftRevision } : await a.studioFiles.saveDraft({ projectId: projectA, scriptId: file.id, yaml: sessionYaml(edition, { id }), expectedRevision: draftRevision });
      await a.studioFiles.publish({ projectId: projectA, scriptId: file.id, note: index === 0 ? "First version" : "", expectedRevision: saved.revision });
    }
    return file.id;
  }

  it("refuses to publish a draft with errors, listing them with line:column, and publishes it once fixed", async () => {
    const a = as("authorA");
    const good1 = sessionYaml("first edition", { id: "versioned" });
    const broken = good1.replace("action_type: ai_say", "action_type: ai_shout");
    const file = await a.studioFiles.create({ projectId: projectA, path: "sessions/versioned.yaml", yaml: broken });
    const fileId = file.id;
    const refused = await errorOf(a.studioFiles.publish({ projectId: projectA, scriptId: fileId, note: "try", expectedRevision: 1 }));
    expect(codeOf(refused)).toBe("BAD_REQUEST");
    const line = broken.split("\n").findIndex((l) => l.includes("ai_shout")) + 1;
    expect(messageOf(refused)).toMatch(new RegExp(`^Fix the errors before publishing: ${line}:\\d+ `));
    expect(await testDb.db.prisma.scriptVersion.count({ where: { scriptId: fileId } })).toBe(0);

    const fixed = await a.studioFiles.saveDraft({ projectId: projectA, scriptId: fileId, yaml: good1, expectedRevision: 1 });
    // A stale revision is refused, even with a good draft.
    expect(codeOf(await errorOf(a.studioFiles.publish({ projectId: projectA, scriptId: fileId, note: "stale", expectedRevision: 1 })))).toBe("CONFLICT");
    const v1 = await a.studioFiles.publish({ projectId: projectA, scriptId: fileId, note: "  First version  ", expectedRevision: fixed.revision });
    expect(v1).toEqual({ versionId: expect.any(String), number: 1 });

    const stored = await testDb.db.prisma.scriptVersion.findUniqueOrThrow({ where: { id: v1.versionId }, include: { author: true } });
    expect(stored).toMatchObject({ number: 1, yaml: good1, contentHash: sha256(good1), note: "First version" });
    expect(stored.author?.id).toBe((await a.auth.me())?.id);
    expect(stored.compiled).toMatchObject({ kind: "session", key: "versioned" });
  });

  it("numbers versions, refuses identical content, and lists versions newest first", async () => {
    const a = as("authorA");
    const good2 = sessionYaml("second edition", { id: "numbered" });
    const fileId = await fileWithVersions("numbered", ["first edition"]);
    let file = await a.studioFiles.get({ projectId: projectA, scriptId: fileId });
    expect(file).toMatchObject({ latestVersion: 1, unpublishedChanges: false });
    const same = await errorOf(a.studioFiles.publish({ projectId: projectA, scriptId: fileId, note: "again", expectedRevision: file.draftRevision }));
    expect(codeOf(same)).toBe("BAD_REQUEST");
    expect(messageOf(same)).toBe("Nothing to publish: the draft is the same as version 1.");

    const saved = await a.studioFiles.saveDraft({ projectId: projectA, scriptId: fileId, yaml: good2, expectedRevision: file.draftRevision });
    expect((await a.studioFiles.list({ projectId: projectA })).find((f) => f.id === fileId)).toMatchObject({ latestVersion: 1, unpublishedChanges: true });
    const v2 = await as("admin").studioFiles.publish({ projectId: projectA, scriptId: fileId, note: "", expectedRevision: saved.revision });
    expect(v2.number).toBe(2);

    file = await a.studioFiles.get({ projectId: projectA, scriptId: fileId });
    expect(file.versions.map((v) => [v.number, v.note])).toEqual([
      [2, null],
      [1, "First version"],
    ]);
    expect(file.versions[0]?.authorEmail).toMatch(/@example\.test$/);
    expect(file.versions[0]?.authorEmail).not.toBe(file.versions[1]?.authorEmail);
    expect(file.versions[0]?.createdAt).toBeInstanceOf(Date);
  });

  it("diffs two versions, and a version against the draft", async () => {
    const a = as("authorA");
    const good2 = sessionYaml("second edition", { id: "diffed" });
    const fileId = await fileWithVersions("diffed", ["first edition", "second edition"]);
    const diff = await a.studioFiles.diff({ projectId: projectA, scriptId: fileId, from: 1, to: 2 });
    expect(diff.from).toBe(1);
    expect(diff.to).toBe(2);
    expect(diff.stats).toEqual({ added: 2, removed: 2 });
    const lines = diff.unified.split("\n");
    expect(lines.slice(0, 2)).toEqual(["--- sessions/diffed.yaml@v1", "+++ sessions/diffed.yaml@v2"]);
    expect(lines).toContain("-                content: What would you like me to call you? (first edition)");
    expect(lines).toContain("+                content: What would you like me to call you? (second edition)");
    expect(lines.filter((l) => l.startsWith("@@"))).toHaveLength(2);

    const file = await a.studioFiles.get({ projectId: projectA, scriptId: fileId });
    await a.studioFiles.saveDraft({ projectId: projectA, scriptId: fileId, yaml: `${good2}# a note for later\n`, expectedRevision: file.draftRevision });
    const toDraft = await a.studioFiles.diff({ projectId: projectA, scriptId: fileId, from: 2, to: "draft" });
    expect(toDraft).toMatchObject({ from: 2, to: "draft", stats: { added: 1, removed: 0 } });
    expect(toDraft.unified).toContain("+++ sessions/diffed.yaml@draft");
    expect(toDraft.unified).toContain("+# a note for later");
    expect((await a.studioFiles.diff({ projectId: projectA, scriptId: fileId, from: 2, to: 2 })).unified).toBe("");
    expect(codeOf(await errorOf(a.studioFiles.diff({ projectId: projectA, scriptId: fileId, from: 9, to: 2 })))).toBe("NOT_FOUND");
  });

  it("rolls back by publishing an old version again as a new one, and resets the draft to it", async () => {
    const a = as("authorA");
    const good1 = sessionYaml("first edition", { id: "rolled_back" });
    const good2 = sessionYaml("second edition", { id: "rolled_back" });
    const fileId = await fileWithVersions("rolled_back", ["first edition", "second edition"]);
    const before = await a.studioFiles.get({ projectId: projectA, scriptId: fileId });
    const rolled = await a.studioFiles.rollback({ projectId: projectA, scriptId: fileId, toNumber: 1 });
    expect(rolled).toMatchObject({ versionId: expect.any(String), number: 3, revision: before.draftRevision + 1 });

    const versions = await testDb.db.prisma.scriptVersion.findMany({ where: { scriptId: fileId }, orderBy: { number: "asc" } });
    expect(versions.map((v) => v.number)).toEqual([1, 2, 3]);
    expect(versions[2]).toMatchObject({ yaml: versions[0]!.yaml, contentHash: versions[0]!.contentHash, note: "Rolled back to version 1" });
    expect(versions[2]!.compiled).toEqual(versions[0]!.compiled);
    expect(versions[1]!.yaml).toBe(good2);

    const after = await a.studioFiles.get({ projectId: projectA, scriptId: fileId });
    expect(after).toMatchObject({ draftYaml: good1, draftRevision: before.draftRevision + 1, latestVersion: 3, unpublishedChanges: false });
    // The tab that still holds the old revision cannot overwrite the rolled-back draft.
    expect(codeOf(await errorOf(a.studioFiles.saveDraft({ projectId: projectA, scriptId: fileId, yaml: "stale", expectedRevision: before.draftRevision })))).toBe("CONFLICT");

    const pointless = await errorOf(a.studioFiles.rollback({ projectId: projectA, scriptId: fileId, toNumber: 3 }));
    expect(messageOf(pointless)).toBe("Version 3 is already the latest version.");
    expect(messageOf(await errorOf(a.studioFiles.rollback({ projectId: projectA, scriptId: fileId, toNumber: 1 })))).toMatch(/same as the latest version \(3\)/);
    const withNote = await a.studioFiles.rollback({ projectId: projectA, scriptId: fileId, toNumber: 2, note: "Back to the second edition" });
    expect(withNote.number).toBe(4);
    expect((await a.studioFiles.get({ projectId: projectA, scriptId: fileId })).versions[0]).toMatchObject({ number: 4, note: "Back to the second edition" });
    expect(codeOf(await errorOf(a.studioFiles.rollback({ projectId: projectA, scriptId: fileId, toNumber: 42 })))).toBe("NOT_FOUND");
    // With the revision the author was looking at: a draft saved since is not overwritten.
    const current = await a.studioFiles.get({ projectId: projectA, scriptId: fileId });
    const stale = await errorOf(a.studioFiles.rollback({ projectId: projectA, scriptId: fileId, toNumber: 1, expectedRevision: current.draftRevision - 1 }));
    expect(codeOf(stale)).toBe("CONFLICT");
    expect(await testDb.db.prisma.scriptVersion.count({ where: { scriptId: fileId } })).toBe(4);
  });

  it("refuses to publish a second file with an id a published file already uses", async () => {
    const a = as("authorA");
    const fileId = await fileWithVersions("versioned_original", ["first edition"]);
    const copy = await a.studioFiles.duplicate({ projectId: projectA, scriptId: fileId, path: "sessions/versioned-copy.yaml" });
    const refused = await errorOf(a.studioFiles.publish({ projectId: projectA, scriptId: copy.id, note: "", expectedRevision: 1 }));
    expect(codeOf(refused)).toBe("CONFLICT");
    expect(messageOf(refused)).toMatch(/sessions\/versioned_original\.yaml already uses the id `versioned_original`/);
    const renamedId = await a.studioFiles.saveDraft({ projectId: projectA, scriptId: copy.id, yaml: sessionYaml("copy", { id: "versioned_copy" }), expectedRevision: 1 });
    expect((await a.studioFiles.publish({ projectId: projectA, scriptId: copy.id, note: "", expectedRevision: renamedId.revision })).number).toBe(1);
  });

  it("lets exactly one of two simultaneous publishes of the same draft through", async () => {
    const a = as("authorA");
    const file = await a.studioFiles.create({ projectId: projectA, path: "sessions/race.yaml", yaml: sessionYaml("race", { id: "race" }) });
    const results = await Promise.allSettled([1, 2].map(() => a.studioFiles.publish({ projectId: projectA, scriptId: file.id, note: "", expectedRevision: 1 })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(["CONFLICT", "BAD_REQUEST"]).toContain(codeOf(rejected?.reason));
    expect(await testDb.db.prisma.scriptVersion.findMany({ where: { scriptId: file.id }, select: { number: true } })).toEqual([{ number: 1 }]);
  });

  it("does not restore a published file whose id another published file has taken meanwhile", async () => {
    const a = as("authorA");
    const first = await a.studioFiles.create({ projectId: projectA, path: "sessions/id-first.yaml", yaml: sessionYaml("first", { id: "shared_id" }) });
    await a.studioFiles.publish({ projectId: projectA, scriptId: first.id, note: "", expectedRevision: 1 });
    await a.studioFiles.remove({ projectId: projectA, scriptId: first.id });
    const second = await a.studioFiles.create({ projectId: projectA, path: "sessions/id-second.yaml", yaml: sessionYaml("second", { id: "shared_id" }) });
    await a.studioFiles.publish({ projectId: projectA, scriptId: second.id, note: "", expectedRevision: 1 });

    const refused = await errorOf(a.studioFiles.restore({ projectId: projectA, scriptId: first.id }));
    expect(codeOf(refused)).toBe("CONFLICT");
    expect(messageOf(refused)).toMatch(/Cannot restore it: the published session sessions\/id-second\.yaml already uses the id `shared_id`/);
    const report = (await (await importAs("authorA", projectA, zip({ "sessions/id-first.yaml": sessionYaml("imported", { id: "shared_id" }) }))).json()) as { updated: string[]; skipped: { path: string; reason: string }[] };
    expect(report.updated).toEqual([]);
    expect(report.skipped).toEqual([{ path: "sessions/id-first.yaml", reason: expect.stringMatching(/^This deleted file was not restored\./) }]);
    expect((await a.studioFiles.get({ projectId: projectA, scriptId: first.id })).deletedAt).toBeInstanceOf(Date);
  });

  it("keeps a published file's identity until the next publish", async () => {
    const a = as("authorA");
    const fileId = await fileWithVersions("kept_identity", ["first edition"]);
    const file = await a.studioFiles.get({ projectId: projectA, scriptId: fileId });
    await a.studioFiles.saveDraft({ projectId: projectA, scriptId: fileId, yaml: sessionYaml("renamed", { id: "renamed_in_draft" }), expectedRevision: file.draftRevision });
    expect((await a.studioFiles.get({ projectId: projectA, scriptId: fileId })).scriptKey).toBe("kept_identity");
  });
});

describe("running sessions stay on their version", () => {
  it("a session started on version 1 runs version 1 (and its technique's version) after version 2 is published", async () => {
    const a = as("authorA");
    const prisma = testDb.db.prisma;
    const deps = sessionDeps(testDb.db);

    const technique = await a.studioFiles.create({ projectId: projectA, path: "techniques/breathing.yaml", yaml: techniqueYaml("technique first edition") });
    await a.studioFiles.publish({ projectId: projectA, scriptId: technique.id, note: "", expectedRevision: 1 });
    const session = await a.studioFiles.create({ projectId: projectA, path: "sessions/pinned.yaml", yaml: sessionYaml("first edition", { id: "pinned", withSkill: true }) });
    const v1 = await a.studioFiles.publish({ projectId: projectA, scriptId: session.id, note: "", expectedRevision: 1 });

    const running = await startSession(deps, { clientId: "studio_running", scriptId: session.id });
    expect(running.messages.map((m) => m.text).join("\n")).toContain("(first edition)");

    // Edit and publish both the session and its technique.
    const s2 = await a.studioFiles.saveDraft({ projectId: projectA, scriptId: session.id, yaml: sessionYaml("second edition", { id: "pinned", withSkill: true }), expectedRevision: 1 });
    const v2 = await a.studioFiles.publish({ projectId: projectA, scriptId: session.id, note: "", expectedRevision: s2.revision });
    const t2 = await a.studioFiles.saveDraft({ projectId: projectA, scriptId: technique.id, yaml: techniqueYaml("technique second edition"), expectedRevision: 1 });
    await a.studioFiles.publish({ projectId: projectA, scriptId: technique.id, note: "", expectedRevision: t2.revision });
    expect(v2.number).toBe(2);

    const turn = await runTurn(deps, { clientId: "studio_running", sessionId: running.sessionId, clientMessageId: "m1", text: "Sam" });
    const replies = turn.messages.map((m) => m.text).join("\n");
    expect(replies).toContain("Breathe in slowly. (technique first edition)");
    expect(replies).not.toContain("second edition");
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: running.sessionId } });
    expect(stored.scriptVersionId).toBe(v1.versionId);

    // A new session starts on the new versions.
    const fresh = await startSession(deps, { clientId: "studio_fresh", scriptId: session.id });
    expect(fresh.messages.map((m) => m.text).join("\n")).toContain("(second edition)");
    const freshTurn = await runTurn(deps, { clientId: "studio_fresh", sessionId: fresh.sessionId, clientMessageId: "m1", text: "Ana" });
    expect(freshTurn.messages.map((m) => m.text).join("\n")).toContain("(technique second edition)");
    expect((await prisma.session.findUniqueOrThrow({ where: { id: fresh.sessionId } })).scriptVersionId).toBe(v2.versionId);
  });
});

describe("zip export and import", () => {
  it("exports the drafts of a project's files (not deleted ones) as <slug>.zip, and round-trips through import", async () => {
    const prisma = testDb.db.prisma;
    const response = await exportAs("admin", testDb.projectId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="default.zip"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const scripts = await prisma.script.findMany({ where: { projectId: testDb.projectId, deletedAt: null }, orderBy: { path: "asc" } });
    const entries = unzipSync(bytes);
    expect(Object.keys(entries).sort()).toEqual(scripts.map((s) => s.path));
    for (const script of scripts) expect(new TextDecoder().decode(entries[script.path])).toBe(script.draftYaml);

    // Into an empty project: every file created as an unpublished draft, identical to the source.
    const target = (await prisma.project.create({ data: { slug: "round-trip", name: "Round trip" } })).id;
    const imported = await importAs("admin", target, bytes);
    expect(imported.status).toBe(200);
    const report = (await imported.json()) as { created: string[]; updated: string[]; unchanged: string[]; skipped: { path: string; reason: string }[] };
    expect(report).toEqual({ created: scripts.map((s) => s.path), updated: [], unchanged: [], skipped: [] });
    const copies = await prisma.script.findMany({ where: { projectId: target }, orderBy: { path: "asc" }, include: { _count: { select: { versions: true } } } });
    expect(copies.map((c) => [c.path, c.kind, c.scriptKey, c.draftYaml, c._count.versions])).toEqual(scripts.map((s) => [s.path, s.kind, s.scriptKey, s.draftYaml, 0]));
    const list = await as("admin").studioFiles.list({ projectId: target });
    expect(list.every((f) => f.latestVersion === null && f.unpublishedChanges)).toBe(true);
    for (const file of list) expect((await as("admin").studioFiles.get({ projectId: target, scriptId: file.id })).diagnostics.filter((d) => d.severity === "error")).toEqual([]);

    // And back: the same archive again changes nothing; a changed file updates its draft.
    const again = (await (await importAs("admin", target, bytes)).json()) as typeof report;
    expect(again).toEqual({ created: [], updated: [], unchanged: scripts.map((s) => s.path), skipped: [] });
    const intake = copies.find((c) => c.path === "sessions/check-in.en.yaml")!;
    const changed = (await (await importAs("admin", target, zip({ "sessions/check-in.en.yaml": `${intake.draftYaml}# edited\n` }))).json()) as typeof report;
    expect(changed).toEqual({ created: [], updated: ["sessions/check-in.en.yaml"], unchanged: [], skipped: [] });
    expect(await prisma.script.findUniqueOrThrow({ where: { id: intake.id } })).toMatchObject({ draftRevision: intake.draftRevision + 1, draftYaml: `${intake.draftYaml}# edited\n` });
  });

  it("leaves deleted files out of the export, and restores one that an import names", async () => {
    const a = as("authorA");
    await a.studioFiles.create({ projectId: projectA, path: "sessions/kept.yaml" });
    const file = await a.studioFiles.create({ projectId: projectA, path: "sessions/gone.yaml" });
    await a.studioFiles.remove({ projectId: projectA, scriptId: file.id });
    const exported = unzipSync(new Uint8Array(await (await exportAs("authorA", projectA)).arrayBuffer()));
    expect(Object.keys(exported)).not.toContain("sessions/gone.yaml");
    expect(Object.keys(exported)).toContain("sessions/kept.yaml");

    const report = (await (await importAs("authorA", projectA, zip({ "sessions/gone.yaml": sessionYaml("back", { id: "gone" }) }))).json()) as { updated: string[] };
    expect(report.updated).toEqual(["sessions/gone.yaml"]);
    expect((await a.studioFiles.get({ projectId: projectA, scriptId: file.id })).deletedAt).toBeNull();
  });

  it("sanitises archive paths: nothing outside the project, only YAML files", async () => {
    const prisma = testDb.db.prisma;
    const target = (await prisma.project.create({ data: { slug: "hostile", name: "Hostile" } })).id;
    const body = zip({
      "../escape.yaml": "x: 1\n",
      "sessions/../../escape2.yaml": "x: 1\n",
      "/etc/absolute.yaml": "x: 1\n",
      "C:/windows.yaml": "x: 1\n",
      "sessions/notes.txt": "not yaml",
      "sessions/ok.yaml": sessionYaml("imported", { id: "imported_ok" }),
      "techniques\\back\\slash.yaml": techniqueYaml("imported"),
    });
    const response = await importAs("admin", target, body);
    expect(response.status).toBe(200);
    const report = (await response.json()) as { created: string[]; updated: string[]; skipped: { path: string; reason: string }[] };
    expect(report.created).toEqual(["sessions/ok.yaml", "techniques/back/slash.yaml"]);
    expect(report.skipped.map((s) => s.path).sort()).toEqual(["../escape.yaml", "/etc/absolute.yaml", "C:/windows.yaml", "sessions/../../escape2.yaml", "sessions/notes.txt"]);
    for (const skip of report.skipped) expect(skip.reason.length).toBeGreaterThan(10);
    const stored = await prisma.script.findMany({ where: { projectId: target }, select: { path: true, kind: true, scriptKey: true } });
    expect(stored.sort((x, y) => x.path.localeCompare(y.path))).toEqual([
      { path: "sessions/ok.yaml", kind: "session", scriptKey: "imported_ok" },
      { path: "techniques/back/slash.yaml", kind: "technique", scriptKey: "breathing" },
    ]);
    expect(await prisma.scriptVersion.count({ where: { script: { projectId: target } } })).toBe(0);
  });

  it("checks sign-in, project, origin, body type and size", async () => {
    const body = zip({ "sessions/x.yaml": "session: {}\n" });
    expect((await exportAs(null, projectA)).status).toBe(401);
    expect((await exportAs("authorB", projectA)).status).toBe(404);
    expect((await exportAs("nobody", projectA)).status).toBe(404);
    expect((await exportAs("authorA", "no-such-project")).status).toBe(404);
    expect((await importAs(null, projectA, body)).status).toBe(401);
    expect((await importAs("authorB", projectA, body)).status).toBe(404);
    const crossSite = await importAs("authorA", projectA, body, { host: "heartline.example", origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect((await importAs("authorA", projectA, body, { "content-type": "text/plain" })).status).toBe(415);
    expect((await importAs("authorA", projectA, body, { "content-type": "multipart/form-data; boundary=x" })).status).toBe(415);
    expect((await importAs("authorA", projectA, strToU8("this is not a zip"))).status).toBe(400);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    expect((await importAs("authorA", projectA, big)).status).toBe(413);
    const many: Record<string, string> = {};
    for (let i = 0; i < 501; i++) many[`sessions/f${i}.yaml`] = "x";
    expect((await importAs("authorA", projectA, zip(many))).status).toBe(413);
    expect(await testDb.db.prisma.script.count({ where: { projectId: projectA, path: { in: ["sessions/x.yaml", "sessions/f0.yaml"] } } })).toBe(0);
  });

  it("answers a zip whose entries declare false sizes with a 400 at once, importing nothing", async () => {
    // 20 directory entries sharing 2 MB of deflate data (about 330 MB each once inflated), each
    // declaring 1,000 bytes.
    const data = deflateBomb(2048);
    const bomb = craftZip([
      ...Array.from({ length: 20 }, (_, i) => ({ name: `sessions/bomb-${i}.yaml`, method: 8 as const, data, declaredSize: 1_000 })),
    ], { shareData: true });
    // That the read stops at the first bytes over is checked in archive.test.ts.
    const response = await importAs("authorA", projectA, bomb);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: expect.stringMatching(/^The archive is damaged or crafted: sessions\/bomb-0\.yaml holds more than the 1000 bytes its header declares\. Nothing was imported\.$/),
      code: "BAD_REQUEST",
    });
    expect(await testDb.db.prisma.script.count({ where: { projectId: projectA, path: { startsWith: "sessions/bomb-" } } })).toBe(0);
  });
});

describe("logging", () => {
  it("never logs script text while saving, publishing, diffing, exporting or importing", async () => {
    const logger = getLogger();
    const spies = (["trace", "debug", "info", "warn", "error", "fatal"] as const).map((level) => vi.spyOn(logger, level));
    try {
      const a = as("authorA");
      const secret = "Very private wording 7c1e";
      const file = await a.studioFiles.create({ projectId: projectA, path: "sessions/private.yaml", yaml: sessionYaml(secret, { id: "private_wording" }) });
      const saved = await a.studioFiles.saveDraft({ projectId: projectA, scriptId: file.id, yaml: sessionYaml(`${secret} again`, { id: "private_wording" }), expectedRevision: 1 });
      await a.studioFiles.publish({ projectId: projectA, scriptId: file.id, note: "", expectedRevision: saved.revision });
      await a.studioFiles.diff({ projectId: projectA, scriptId: file.id, from: 1, to: "draft" });
      await exportAs("authorA", projectA);
      await importAs("authorA", projectA, zip({ "sessions/private-2.yaml": sessionYaml(secret, { id: "private_two" }) }));
      for (const spy of spies) expect(JSON.stringify(spy.mock.calls)).not.toContain("7c1e");
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe("what clients will see", () => {
  it("a session draft without a client description is saved with the warning, and still publishes", async () => {
    const a = as("authorA");
    const yaml = sessionYaml("no card text", { id: "no_card_text" }).replace(/^metadata: .*\n/, "");
    const file = await a.studioFiles.create({ projectId: projectA, path: "sessions/no-card-text.yaml", yaml });
    const saved = await a.studioFiles.saveDraft({ projectId: projectA, scriptId: file.id, yaml: `${yaml}\n`, expectedRevision: 1 });
    expect(saved.diagnostics).toEqual([expect.objectContaining({ code: "missing-client-description", severity: "warning", line: 1, column: 1 })]);
    const published = await a.studioFiles.publish({ projectId: projectA, scriptId: file.id, note: "without a description", expectedRevision: 2 });
    expect(published).toMatchObject({ number: 1 });
  });
});
