/**
 * Published versions: publishing a draft without errors as an immutable numbered version, the
 * line diff between two versions (or a version and the draft), and rollback, which publishes an
 * old version again as a new one (nothing is ever deleted or changed in place).
 *
 * Sessions pin the version they started on, so none of this changes a running session.
 */
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch, type StructuredPatch } from "diff";
import type { PrismaClient } from "../../../db/generated/client";
import type { CompiledScript } from "../../../engine/script";
import { ServiceError } from "../../errors";
import { compileDraft, describeErrors, draftTechniques, errorsOf, identityOfCompiled, publishedTechniques, toJson } from "./compile";
import { assertKeyFree, conflict, deletedFile, findFile, isUniqueViolation, revisionConflict, sha256 } from "./files";

export const NOTE_MAX = 1000;

export interface PublishedVersion {
  versionId: string;
  number: number;
}

function cleanNote(note: string | null | undefined): string | null {
  const trimmed = note?.trim() ?? "";
  if (trimmed.length > NOTE_MAX) throw new ServiceError("BAD_REQUEST", `The note must be at most ${NOTE_MAX} characters.`);
  return trimmed || null;
}

const concurrentPublish = () => conflict("Someone published this file at the same moment. Reload it to see the new version.");

/**
 * Publishes the stored draft at `expectedRevision` as version last + 1. Refused when the draft
 * has errors (against the project's *published* techniques: a session can only run those), when
 * it is the same as the latest version, or when the draft changed since the author looked at it.
 */
export async function publishDraft(
  prisma: PrismaClient,
  input: { projectId: string; scriptId: string; note?: string | null; expectedRevision: number; authorId: string },
): Promise<PublishedVersion> {
  const note = cleanNote(input.note);
  const file = await findFile(prisma, input.projectId, input.scriptId);
  if (file.deletedAt) throw deletedFile();
  if (file.draftRevision !== input.expectedRevision) throw revisionConflict(file.draftRevision);

  const [published, drafted] = await Promise.all([
    publishedTechniques(prisma, input.projectId),
    draftTechniques(prisma, input.projectId),
  ]);
  const result = compileDraft(file.draftYaml, file.path, published);
  if (!result.ok) {
    const errors = errorsOf(result.diagnostics);
    const unpublished = errors.some((d) => d.code === "unknown-technique" && [...drafted].some((id) => !published.has(id) && d.message.includes(`\`${id}\``)));
    const hint = unpublished ? " Publish the techniques it uses first: sessions only run published techniques." : "";
    throw new ServiceError("BAD_REQUEST", `Fix the errors before publishing: ${describeErrors(errors)}.${hint}`);
  }
  const compiled = result.script;
  const identity = identityOfCompiled(compiled);
  await assertKeyFree(prisma, { projectId: input.projectId, scriptId: file.id, ...identity }, "publish");
  const contentHash = sha256(file.draftYaml);

  try {
    return await prisma.$transaction(async (tx) => {
      // The draft must still be the one compiled above; the identity now follows the published version.
      const claimed = await tx.script.updateMany({
        where: { id: file.id, draftRevision: input.expectedRevision, deletedAt: null },
        data: identity,
      });
      if (claimed.count !== 1) {
        const now = await tx.script.findUniqueOrThrow({ where: { id: file.id }, select: { draftRevision: true, deletedAt: true } });
        throw now.deletedAt ? deletedFile() : revisionConflict(now.draftRevision);
      }
      const latest = await tx.scriptVersion.findFirst({ where: { scriptId: file.id }, orderBy: { number: "desc" }, select: { number: true, contentHash: true } });
      if (latest?.contentHash === contentHash) {
        throw new ServiceError("BAD_REQUEST", `Nothing to publish: the draft is the same as version ${latest.number}.`);
      }
      const version = await tx.scriptVersion.create({
        data: { scriptId: file.id, number: (latest?.number ?? 0) + 1, yaml: file.draftYaml, compiled: toJson(compiled), contentHash, note, authorId: input.authorId },
        select: { id: true, number: true },
      });
      return { versionId: version.id, number: version.number };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw concurrentPublish();
    throw error;
  }
}

/**
 * A new version with the yaml and compiled script of version `toNumber` (as published then, not
 * recompiled), and the draft set to it (revision + 1). Refused when it would change nothing, when
 * `expectedRevision` (optional) is stale, and when a draft save lands while it runs (the draft is
 * replaced only if it is still the one read here, so no save is silently overwritten).
 */
export async function rollbackToVersion(
  prisma: PrismaClient,
  input: { projectId: string; scriptId: string; toNumber: number; note?: string | null; expectedRevision?: number; authorId: string },
): Promise<PublishedVersion & { revision: number }> {
  const given = cleanNote(input.note);
  const file = await findFile(prisma, input.projectId, input.scriptId);
  if (file.deletedAt) throw deletedFile();
  if (input.expectedRevision !== undefined && input.expectedRevision !== file.draftRevision) throw revisionConflict(file.draftRevision);
  const [target, latest] = await Promise.all([
    prisma.scriptVersion.findUnique({ where: { scriptId_number: { scriptId: file.id, number: input.toNumber } }, select: { yaml: true, compiled: true, contentHash: true } }),
    prisma.scriptVersion.findFirst({ where: { scriptId: file.id }, orderBy: { number: "desc" }, select: { number: true, contentHash: true } }),
  ]);
  if (!target || !latest) throw new ServiceError("NOT_FOUND", `Version ${input.toNumber} of this file was not found.`);
  if (target.contentHash === latest.contentHash) {
    throw new ServiceError(
      "BAD_REQUEST",
      latest.number === input.toNumber
        ? `Version ${input.toNumber} is already the latest version.`
        : `Version ${input.toNumber} is the same as the latest version (${latest.number}): nothing to roll back.`,
    );
  }
  const identity = identityOfCompiled(target.compiled as unknown as CompiledScript);
  await assertKeyFree(prisma, { projectId: input.projectId, scriptId: file.id, ...identity }, `roll back to version ${input.toNumber}`);
  const note = given ?? `Rolled back to version ${input.toNumber}`;

  try {
    return await prisma.$transaction(async (tx) => {
      const version = await tx.scriptVersion.create({
        data: {
          scriptId: file.id,
          number: latest.number + 1,
          yaml: target.yaml,
          compiled: toJson(target.compiled),
          contentHash: target.contentHash,
          note,
          authorId: input.authorId,
        },
        select: { id: true, number: true },
      });
      const replaced = await tx.script.updateMany({
        where: { id: file.id, draftRevision: file.draftRevision, deletedAt: null },
        data: { draftYaml: target.yaml, draftRevision: file.draftRevision + 1, ...identity },
      });
      if (replaced.count !== 1) {
        const now = await tx.script.findUniqueOrThrow({ where: { id: file.id }, select: { draftRevision: true, deletedAt: true } });
        throw now.deletedAt ? deletedFile() : revisionConflict(now.draftRevision);
      }
      return { versionId: version.id, number: version.number, revision: file.draftRevision + 1 };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw concurrentPublish();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Diff

export interface FileDiff {
  from: number;
  to: number | "draft";
  /** A unified line diff (`---`/`+++` headers, `@@` hunks, 3 lines of context); empty when equal. */
  unified: string;
  stats: { added: number; removed: number };
}

/** Past this, a line diff gives up looking for the smallest edit and shows a whole replacement. */
const DIFF_TIMEOUT_MS = 2_000;

function lines(text: string): string[] {
  if (!text) return [];
  const all = text.split("\n");
  if (all[all.length - 1] === "") all.pop();
  return all;
}

/** One hunk replacing every line: still a correct unified diff, for texts too different to diff quickly. */
function replacement(oldName: string, newName: string, before: string, after: string): StructuredPatch {
  const removed = lines(before);
  const added = lines(after);
  const hunkLines = [...removed.map((l) => `-${l}`), ...(before && !before.endsWith("\n") ? ["\\ No newline at end of file"] : [])];
  hunkLines.push(...added.map((l) => `+${l}`), ...(after && !after.endsWith("\n") ? ["\\ No newline at end of file"] : []));
  return {
    oldFileName: oldName,
    newFileName: newName,
    oldHeader: undefined,
    newHeader: undefined,
    hunks: [{ oldStart: removed.length ? 1 : 0, oldLines: removed.length, newStart: added.length ? 1 : 0, newLines: added.length, lines: hunkLines }],
  };
}

export function unifiedDiff(oldName: string, newName: string, before: string, after: string): { unified: string; stats: { added: number; removed: number } } {
  if (before === after) return { unified: "", stats: { added: 0, removed: 0 } };
  const patch = structuredPatch(oldName, newName, before, after, undefined, undefined, { context: 3, timeout: DIFF_TIMEOUT_MS }) ?? replacement(oldName, newName, before, after);
  let added = 0;
  let removed = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith("+")) added++;
      else if (line.startsWith("-")) removed++;
    }
  }
  return { unified: formatPatch(patch, FILE_HEADERS_ONLY), stats: { added, removed } };
}

export async function diffVersions(
  prisma: PrismaClient,
  input: { projectId: string; scriptId: string; from: number; to: number | "draft" },
): Promise<FileDiff> {
  const file = await findFile(prisma, input.projectId, input.scriptId);
  const numbers = input.to === "draft" ? [input.from] : [input.from, input.to];
  const versions = await prisma.scriptVersion.findMany({ where: { scriptId: file.id, number: { in: numbers } }, select: { number: true, yaml: true } });
  const yamlOf = (n: number) => {
    const found = versions.find((v) => v.number === n);
    if (!found) throw new ServiceError("NOT_FOUND", `Version ${n} of this file was not found.`);
    return found.yaml;
  };
  const before = yamlOf(input.from);
  const after = input.to === "draft" ? file.draftYaml : yamlOf(input.to);
  const toLabel = input.to === "draft" ? "draft" : `v${input.to}`;
  return { from: input.from, to: input.to, ...unifiedDiff(`${file.path}@v${input.from}`, `${file.path}@${toLabel}`, before, after) };
}
