/**
 * The studio's files: a project's script files and their drafts. Listing, reading, creating,
 * renaming, soft deleting and restoring, duplicating, and saving drafts without lost edits.
 *
 * A file's kind and script key (what sessions and `use_skill` look it up by) follow its draft
 * until it is first published; from then on they follow its latest published version, so an
 * unpublished edit never changes what running or new sessions find.
 *
 * Script text is stored, never logged.
 */
import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "../../../db/generated/client";
import type { ScriptKind } from "../../../db/generated/enums";
import type { Diagnostic } from "../../../engine/script";
import { listAccessibleProjects, type Accessor } from "../../accounts/access";
import { ServiceError } from "../../errors";
import { compileInProject, identityOf } from "./compile";
import { normaliseScriptPath } from "./paths";
import { skeletonFor } from "./skeletons";

type Db = PrismaClient | Prisma.TransactionClient;

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

// ---------------------------------------------------------------------------------------------
// Errors with one wording everywhere

/** A refused write because someone else changed something first (tRPC: CONFLICT, HTTP 409). */
export function conflict(message: string): ServiceError {
  return new ServiceError("CONFLICT", message);
}

export function revisionConflict(current: number): ServiceError {
  return conflict(`This file was changed in another tab or by someone else (revision ${current}). Reload it before saving.`);
}

export function fileNotFound(): ServiceError {
  return new ServiceError("NOT_FOUND", "This file was not found.");
}

export function deletedFile(): ServiceError {
  return new ServiceError("BAD_REQUEST", "This file is deleted. Restore it before changing it.");
}

export function checkedPath(input: string): string {
  const checked = normaliseScriptPath(input);
  if (!checked.ok) throw new ServiceError("BAD_REQUEST", checked.reason);
  return checked.path;
}

function pathTaken(path: string, deleted: boolean): ServiceError {
  return conflict(
    deleted
      ? `A deleted file already has the path ${path}. Restore it, or choose another path.`
      : `A file with the path ${path} already exists in this project. Choose another path.`,
  );
}

async function assertPathFree(db: Db, projectId: string, path: string): Promise<void> {
  const existing = await db.script.findUnique({ where: { projectId_path: { projectId, path } }, select: { deletedAt: true } });
  if (existing) throw pathTaken(path, existing.deletedAt !== null);
}

/**
 * Refuses to publish (or restore) a file whose id another published, not deleted file of the same
 * kind already uses: sessions and `use_skill` would find either one.
 */
export async function assertKeyFree(db: Db, file: { projectId: string; scriptId: string; kind: ScriptKind; scriptKey: string }, action: string): Promise<void> {
  const other = await db.script.findFirst({
    where: {
      projectId: file.projectId,
      id: { not: file.scriptId },
      kind: file.kind,
      scriptKey: file.scriptKey,
      deletedAt: null,
      versions: { some: {} },
    },
    select: { path: true },
  });
  if (other) {
    throw conflict(`Cannot ${action}: the published ${file.kind} ${other.path} already uses the id \`${file.scriptKey}\`. Give this file its own id first.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface FileSummary {
  id: string;
  path: string;
  kind: ScriptKind;
  scriptKey: string;
  draftRevision: number;
  deletedAt: Date | null;
  updatedAt: Date;
  /** Number of the latest published version; null when never published. */
  latestVersion: number | null;
  /** The draft differs from the latest version (always true when never published). */
  unpublishedChanges: boolean;
}

const SUMMARY_SELECT = {
  id: true,
  path: true,
  kind: true,
  scriptKey: true,
  draftYaml: true,
  draftRevision: true,
  deletedAt: true,
  updatedAt: true,
  versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, contentHash: true } },
} as const satisfies Prisma.ScriptSelect;

type SummaryRow = Prisma.ScriptGetPayload<{ select: typeof SUMMARY_SELECT }>;

function summaryOf(row: SummaryRow): FileSummary {
  const latest = row.versions[0];
  return {
    id: row.id,
    path: row.path,
    kind: row.kind,
    scriptKey: row.scriptKey,
    draftRevision: row.draftRevision,
    deletedAt: row.deletedAt,
    updatedAt: row.updatedAt,
    latestVersion: latest?.number ?? null,
    unpublishedChanges: !latest || latest.contentHash !== sha256(row.draftYaml),
  };
}

async function summary(db: Db, scriptId: string): Promise<FileSummary> {
  return summaryOf(await db.script.findUniqueOrThrow({ where: { id: scriptId }, select: SUMMARY_SELECT }));
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The project's files, sorted by path (code point order, the same on every database). */
export async function listFiles(prisma: PrismaClient, input: { projectId: string; includeDeleted?: boolean }): Promise<FileSummary[]> {
  const rows = await prisma.script.findMany({
    where: { projectId: input.projectId, ...(input.includeDeleted ? {} : { deletedAt: null }) },
    select: SUMMARY_SELECT,
  });
  return rows.map(summaryOf).sort(byPath);
}

/** A file of the project, or NOT_FOUND (also for another project's file). */
export async function findFile(db: Db, projectId: string, scriptId: string) {
  const script = await db.script.findFirst({
    where: { id: scriptId, projectId },
    select: { id: true, projectId: true, path: true, kind: true, scriptKey: true, draftYaml: true, draftRevision: true, deletedAt: true, _count: { select: { versions: true } } },
  });
  if (!script) throw fileNotFound();
  return { ...script, published: script._count.versions > 0 };
}

export interface VersionSummary {
  id: string;
  number: number;
  note: string | null;
  authorEmail: string | null;
  createdAt: Date;
}

export interface FileDetail extends FileSummary {
  draftYaml: string;
  /** Newest first. */
  versions: VersionSummary[];
  /** Problems of the stored draft, compiled against the project's techniques. */
  diagnostics: Diagnostic[];
}

export async function getFile(prisma: PrismaClient, input: { projectId: string; scriptId: string }): Promise<FileDetail> {
  await findFile(prisma, input.projectId, input.scriptId);
  const [row, versions] = await Promise.all([
    prisma.script.findUniqueOrThrow({ where: { id: input.scriptId }, select: SUMMARY_SELECT }),
    prisma.scriptVersion.findMany({
      where: { scriptId: input.scriptId },
      orderBy: { number: "desc" },
      select: { id: true, number: true, note: true, createdAt: true, author: { select: { email: true } } },
    }),
  ]);
  return {
    ...summaryOf(row),
    draftYaml: row.draftYaml,
    versions: versions.map((v) => ({ id: v.id, number: v.number, note: v.note, authorEmail: v.author?.email ?? null, createdAt: v.createdAt })),
    diagnostics: (await compileInProject(prisma, input.projectId, row.path, row.draftYaml)).diagnostics,
  };
}

// ---------------------------------------------------------------------------------------------
// Creating, renaming, deleting

/** A new file; without `yaml`, the skeleton its folder suggests (a session, a technique, or triggers). */
export async function createFile(prisma: PrismaClient, input: { projectId: string; path: string; yaml?: string }): Promise<FileSummary> {
  const path = checkedPath(input.path);
  const yaml = input.yaml ?? skeletonFor(path);
  return insertFile(prisma, input.projectId, path, yaml);
}

async function insertFile(prisma: PrismaClient, projectId: string, path: string, yaml: string): Promise<FileSummary> {
  await assertPathFree(prisma, projectId, path);
  const identity = identityOf(await compileInProject(prisma, projectId, path, yaml), path);
  try {
    const created = await prisma.script.create({
      data: { projectId, path, draftYaml: yaml, ...identity },
      select: SUMMARY_SELECT,
    });
    return summaryOf(created);
  } catch (error) {
    // Someone created the same path a moment ago.
    if (isUniqueViolation(error)) throw pathTaken(path, false);
    throw error;
  }
}

/** Moves a file to another path (also a deleted one, to free its path). */
export async function renameFile(prisma: PrismaClient, input: { projectId: string; scriptId: string; path: string }): Promise<FileSummary> {
  const file = await findFile(prisma, input.projectId, input.scriptId);
  const path = checkedPath(input.path);
  if (path === file.path) return summary(prisma, file.id);
  await assertPathFree(prisma, input.projectId, path);
  // A never-published file's identity may depend on its name (safety keys, drafts with errors).
  const identity = file.published ? {} : identityOf(await compileInProject(prisma, input.projectId, path, file.draftYaml), path);
  try {
    await prisma.script.update({ where: { id: file.id }, data: { path, ...identity } });
  } catch (error) {
    if (isUniqueViolation(error)) throw pathTaken(path, false);
    throw error;
  }
  return summary(prisma, file.id);
}

/** Soft delete: the file and its versions stay (running sessions are unaffected) until restored. */
export async function removeFile(prisma: PrismaClient, input: { projectId: string; scriptId: string }): Promise<FileSummary> {
  const file = await findFile(prisma, input.projectId, input.scriptId);
  if (!file.deletedAt) await prisma.script.update({ where: { id: file.id }, data: { deletedAt: new Date() } });
  return summary(prisma, file.id);
}

export async function restoreFile(prisma: PrismaClient, input: { projectId: string; scriptId: string }): Promise<FileSummary> {
  const file = await findFile(prisma, input.projectId, input.scriptId);
  if (file.deletedAt) {
    if (file.published) await assertKeyFree(prisma, { projectId: file.projectId, scriptId: file.id, kind: file.kind, scriptKey: file.scriptKey }, "restore it");
    await prisma.script.update({ where: { id: file.id }, data: { deletedAt: null } });
  }
  return summary(prisma, file.id);
}

/** A new, unpublished file at `path` with a copy of the draft. */
export async function duplicateFile(prisma: PrismaClient, input: { projectId: string; scriptId: string; path: string }): Promise<FileSummary> {
  const source = await findFile(prisma, input.projectId, input.scriptId);
  return insertFile(prisma, input.projectId, checkedPath(input.path), source.draftYaml);
}

// ---------------------------------------------------------------------------------------------
// Drafts

export interface SavedDraft {
  revision: number;
  diagnostics: Diagnostic[];
}

/**
 * Stores a draft when `expectedRevision` is still the file's revision (compare-and-set in one
 * statement), else CONFLICT and nothing is written. Drafts may have errors. Saving the text the
 * draft already holds writes nothing and answers the current revision, whatever revision was named
 * (a retried autosave whose answer was lost must not turn into a conflict; nothing can be lost).
 */
export async function saveDraft(
  prisma: PrismaClient,
  input: { projectId: string; scriptId: string; yaml: string; expectedRevision: number },
): Promise<SavedDraft> {
  const file = await findFile(prisma, input.projectId, input.scriptId);
  if (file.deletedAt) throw deletedFile();
  // Already stored (a retried autosave whose answer was lost, or the same text from two tabs): nothing can be lost.
  const unchanged = input.yaml === file.draftYaml;
  if (file.draftRevision !== input.expectedRevision && !unchanged) throw revisionConflict(file.draftRevision);

  const result = await compileInProject(prisma, input.projectId, file.path, input.yaml);
  if (unchanged) return { revision: file.draftRevision, diagnostics: result.diagnostics };

  const identity = file.published ? {} : identityOf(result, file.path);
  const updated = await prisma.script.updateMany({
    where: { id: file.id, draftRevision: input.expectedRevision, deletedAt: null },
    data: { draftYaml: input.yaml, draftRevision: input.expectedRevision + 1, ...identity },
  });
  if (updated.count !== 1) {
    const now = await findFile(prisma, input.projectId, input.scriptId);
    if (now.deletedAt) throw deletedFile();
    throw revisionConflict(now.draftRevision);
  }
  return { revision: input.expectedRevision + 1, diagnostics: result.diagnostics };
}

// ---------------------------------------------------------------------------------------------
// Projects

export interface StudioProject {
  id: string;
  slug: string;
  name: string;
  /** Whether the user may change the project's files: every admin and every member author may. */
  canEdit: boolean;
}

/** The projects the user may open in the studio (admins: all; authors: theirs), by name. */
export async function listStudioProjects(prisma: PrismaClient, user: Accessor): Promise<StudioProject[]> {
  const projects = await listAccessibleProjects(prisma, user);
  return projects.map((p) => ({ id: p.id, slug: p.slug, name: p.name, canEdit: user.role === "admin" || user.role === "author" }));
}
