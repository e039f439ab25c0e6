/**
 * A project as a zip: export writes every file's draft at its path; import creates or updates
 * drafts from an archive (it never publishes). Archives are untrusted: every name is checked
 * with the same path rules as the editor (no `..`, no absolute paths, only .yaml/.yml), sizes
 * are bounded before anything is decompressed, and again on the bytes actually inflated, as they
 * come: an entry that holds more than its declared size stops the read at once.
 */
import { Inflate, strToU8, Unzip, unzipSync, zipSync, type AsyncFlateStreamHandler, type UnzipDecoder, type UnzipFile, type UnzipFileInfo, type Zippable } from "fflate";
import type { PrismaClient } from "../../../db/generated/client";
import { MAX_SCRIPT_BYTES, peekTechniqueId } from "../../../engine/script";
import { unstorableProblem } from "../../../engine/text/storable";
import { ServiceError } from "../../errors";
import { compileDraft, draftTechniques, identityOf } from "./compile";
import { assertKeyFree, conflict, isUniqueViolation } from "./files";
import { isKindFolder, normaliseScriptPath } from "./paths";

/** Largest archive accepted by import, in bytes. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Most files (not folders) in one archive. */
export const MAX_IMPORT_FILES = 500;
/** Most bytes all accepted files may hold once decompressed (zip bombs stop here). */
export const MAX_IMPORT_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface ImportReport {
  /** Paths of the files created, in path order. */
  created: string[];
  /** Paths of existing files whose draft was replaced (a deleted one is restored). */
  updated: string[];
  /** Paths of existing files that already held exactly this content (nothing written). */
  unchanged: string[];
  /** Entries not imported, with why (bad paths, not YAML, too large, ...). */
  skipped: SkippedFile[];
}

// ---------------------------------------------------------------------------------------------
// Export

export interface ProjectArchive {
  filename: string;
  bytes: Uint8Array;
  files: number;
}

/** A file name safe in a Content-Disposition header. */
function archiveName(slug: string): string {
  const safe = slug.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "");
  return `${safe || "project"}.zip`;
}

/** The drafts of the project's files that are not deleted, at their paths. */
export async function exportProject(prisma: PrismaClient, projectId: string): Promise<ProjectArchive> {
  const project = await prisma.project.findUnique({ where: { id: projectId }, select: { slug: true } });
  if (!project) throw new ServiceError("NOT_FOUND", "This project was not found.");
  const scripts = await prisma.script.findMany({
    where: { projectId, deletedAt: null },
    orderBy: { path: "asc" },
    select: { path: true, draftYaml: true, updatedAt: true },
  });
  const entries: Zippable = {};
  for (const script of scripts) entries[script.path] = [strToU8(script.draftYaml), { mtime: script.updatedAt }];
  return { filename: archiveName(project.slug), bytes: zipSync(entries, { level: 6 }), files: scripts.length };
}

// ---------------------------------------------------------------------------------------------
// Reading an archive

export interface ArchiveFile {
  path: string;
  text: string;
}

/** Files that archivers add on their own: not reported. */
function isArchiverNoise(name: string): boolean {
  return name.startsWith("__MACOSX/") || /(^|\/)\.DS_Store$/.test(name) || /(^|\/)Thumbs\.db$/i.test(name);
}

const MB = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Compressed bytes fed to the inflater per step: one step inflates at most about 1,000 times that. */
const INFLATE_STEP_BYTES = 4 * 1024;
/** Archive bytes handed to the zip reader per push. */
const READ_STEP_BYTES = 64 * 1024;

/**
 * fflate's DEFLATE decoder for zip entries, fed in small steps and stoppable: once `terminate`
 * is called (an entry over its size), the rest of its data is skipped, never inflated.
 */
class SteppedInflate implements UnzipDecoder {
  static readonly compression = 8;
  ondata: AsyncFlateStreamHandler = () => undefined;
  private stopped = false;
  private readonly inflate = new Inflate((data, final) => this.ondata(null, data, final));

  push(chunk: Uint8Array, final: boolean): void {
    try {
      let offset = 0;
      do {
        const end = Math.min(offset + INFLATE_STEP_BYTES, chunk.length);
        if (this.stopped) return;
        this.inflate.push(chunk.subarray(offset, end), final && end === chunk.length);
        offset = end;
      } while (offset < chunk.length);
    } catch (error) {
      if (!this.stopped) {
        this.stopped = true;
        this.ondata(Object.assign(new Error(error instanceof Error ? error.message : "invalid deflate data"), { code: 1 }), new Uint8Array(0), true);
      }
    }
  }

  terminate(): void {
    this.stopped = true;
  }
}

const damaged = (path: string, why: string) =>
  new ServiceError("BAD_REQUEST", `The archive is damaged or crafted: ${path} ${why}. Nothing was imported.`);

/**
 * The .yaml/.yml files of a zip with their checked paths, and the entries left out with why.
 * A zipped folder ("my-project/sessions/a.yaml") is read as if the folder were the project.
 *
 * First the central directory is read (nothing inflated): names, methods and declared sizes decide
 * what is wanted and whether the totals fit. Then the entries are inflated as a stream, counting
 * the bytes that actually come out: an entry that holds more than it declared (a zip bomb lying
 * about its sizes) or less stops the import with a 400 before the next step of input is inflated.
 */
export function readArchive(bytes: Uint8Array): { files: ArchiveFile[]; skipped: SkippedFile[] } {
  if (bytes.length > MAX_IMPORT_BYTES) throw new ServiceError("TOO_LARGE", `The archive is larger than ${MB(MAX_IMPORT_BYTES)}.`);
  const skipped: SkippedFile[] = [];
  const wanted = new Map<string, { path: string; size: number }>(); // entry name → checked path, declared size
  const seenNames = new Set<string>();
  const seenPaths = new Set<string>();
  let fileEntries = 0;
  let total = 0;

  const consider = (info: UnzipFileInfo): void => {
    const name = info.name;
    if (name.endsWith("/") || isArchiverNoise(name)) return;
    if (++fileEntries > MAX_IMPORT_FILES) throw new ServiceError("TOO_LARGE", `The archive holds more than ${MAX_IMPORT_FILES} files.`);
    const shown = name.slice(0, 300);
    if (seenNames.has(name)) {
      skipped.push({ path: shown, reason: "This name appears twice in the archive; the first one was used." });
      return;
    }
    seenNames.add(name);
    const checked = normaliseScriptPath(name);
    if (!checked.ok) {
      skipped.push({ path: shown, reason: checked.reason });
      return;
    }
    if (seenPaths.has(checked.path)) {
      skipped.push({ path: shown, reason: `Another entry of the archive is also ${checked.path}; the first one was used.` });
      return;
    }
    if (info.compression !== 0 && info.compression !== 8) {
      skipped.push({ path: checked.path, reason: "Compressed with a method this import cannot read (use ordinary zip/deflate)." });
      return;
    }
    if (info.originalSize > MAX_SCRIPT_BYTES) {
      skipped.push({ path: checked.path, reason: `Larger than ${MB(MAX_SCRIPT_BYTES)}, the largest script allowed.` });
      return;
    }
    total += info.originalSize;
    if (total > MAX_IMPORT_UNCOMPRESSED_BYTES) {
      throw new ServiceError("TOO_LARGE", `The files in the archive hold more than ${MB(MAX_IMPORT_UNCOMPRESSED_BYTES)} in total.`);
    }
    seenPaths.add(checked.path);
    wanted.set(name, { path: checked.path, size: info.originalSize });
  };

  try {
    // Walks the central directory only: the filter says no to every entry, so nothing is inflated.
    unzipSync(bytes, {
      filter(info) {
        consider(info);
        return false;
      },
    });
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw new ServiceError("BAD_REQUEST", "This is not a zip archive that can be read.");
  }

  const contents = inflateWanted(bytes, wanted);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const files: ArchiveFile[] = [];
  for (const [name, { path }] of wanted) {
    const data = contents.get(name);
    if (!data) throw damaged(path, "is listed in its directory but its data cannot be found");
    let text: string;
    try {
      text = decoder.decode(data);
    } catch {
      skipped.push({ path, reason: "Not UTF-8 text." });
      continue;
    }
    // A NUL cannot be stored (strict UTF-8 decoding already leaves no unpaired surrogate). The
    // whole import is refused, naming the file and where, rather than a 500 or a silent change.
    const problem = unstorableProblem(text, path);
    if (problem) throw new ServiceError("BAD_REQUEST", `${problem} Remove it and import the archive again; nothing was imported.`);
    files.push({ path, text });
  }
  return { files: stripWrapperFolder(files), skipped };
}

/**
 * Inflates the wanted entries as the archive streams through fflate's zip reader, each at most to
 * its declared size: more (or less) stops the read with a 400. Returns each entry's bytes by name.
 */
function inflateWanted(bytes: Uint8Array, wanted: ReadonlyMap<string, { path: string; size: number }>): Map<string, Uint8Array> {
  const contents = new Map<string, Uint8Array>();
  let failure: ServiceError | null = null;
  const reader = new Unzip((file: UnzipFile) => {
    const entry = wanted.get(file.name);
    if (!entry || contents.has(file.name) || failure) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    const fail = (error: ServiceError) => {
      failure ??= error;
      file.terminate();
    };
    file.ondata = (error, data, final) => {
      if (failure) return;
      if (error) return fail(damaged(entry.path, "cannot be decompressed"));
      size += data.length;
      if (size > entry.size) return fail(damaged(entry.path, `holds more than the ${entry.size} bytes its header declares`));
      chunks.push(data);
      if (!final) return;
      if (size !== entry.size) return fail(damaged(entry.path, `holds ${size} bytes, not the ${entry.size} its header declares`));
      const whole = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        whole.set(chunk, offset);
        offset += chunk.length;
      }
      contents.set(file.name, whole);
    };
    file.start();
  });
  reader.register(SteppedInflate);
  try {
    for (let offset = 0; offset < bytes.length && !failure; offset += READ_STEP_BYTES) {
      const end = Math.min(offset + READ_STEP_BYTES, bytes.length);
      reader.push(bytes.subarray(offset, end), end === bytes.length);
    }
  } catch (error) {
    if (!failure) throw error instanceof ServiceError ? error : new ServiceError("BAD_REQUEST", "This is not a zip archive that can be read.");
  }
  if (failure) throw failure;
  return contents;
}

/** "wrapper/sessions/a.yaml", "wrapper/techniques/b.yaml" → "sessions/a.yaml", "techniques/b.yaml". */
function stripWrapperFolder(files: ArchiveFile[]): ArchiveFile[] {
  const first = files[0]?.path.split("/")[0];
  if (!first || isKindFolder(first)) return files;
  const prefix = `${first}/`;
  if (!files.every((f) => f.path.startsWith(prefix))) return files;
  const inner = files.map((f) => f.path.slice(prefix.length));
  if (!inner.some((p) => p.includes("/") && isKindFolder(p.split("/")[0] ?? ""))) return files;
  return files.map((f, i) => ({ ...f, path: inner[i] ?? f.path }));
}

// ---------------------------------------------------------------------------------------------
// Import

/**
 * Creates a draft for every new path and replaces the draft of every existing one (its revision
 * goes up, so an editor open on it must reload before saving; a deleted file is restored), all in
 * one transaction. Nothing is published.
 */
export async function importProject(prisma: PrismaClient, projectId: string, bytes: Uint8Array): Promise<ImportReport> {
  const { files, skipped } = readArchive(bytes);
  const report: ImportReport = { created: [], updated: [], unchanged: [], skipped };
  if (!files.length) return report;
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const existing = new Map(
    (
      await prisma.script.findMany({
        where: { projectId, path: { in: files.map((f) => f.path) } },
        select: { id: true, path: true, kind: true, scriptKey: true, draftYaml: true, deletedAt: true, _count: { select: { versions: true } } },
      })
    ).map((s) => [s.path, s]),
  );
  const known = new Set(await draftTechniques(prisma, projectId));
  for (const file of files) {
    const id = peekTechniqueId(file.text);
    if (id) known.add(id);
  }

  // A deleted, published file comes back only if no other published file took its id meanwhile.
  const blocked = new Map<string, string>();
  for (const current of existing.values()) {
    if (!current.deletedAt || current._count.versions === 0) continue;
    try {
      await assertKeyFree(prisma, { projectId, scriptId: current.id, kind: current.kind, scriptKey: current.scriptKey }, "restore it");
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      blocked.set(current.path, `This deleted file was not restored. ${error.message}`);
    }
  }

  const writes = files.flatMap((file) => {
    const current = existing.get(file.path);
    const block = blocked.get(file.path);
    if (block) {
      report.skipped.push({ path: file.path, reason: block });
      return [];
    }
    if (current && current.draftYaml === file.text && !current.deletedAt) {
      report.unchanged.push(file.path);
      return [];
    }
    // A published file keeps the identity of its published version; others follow the new draft.
    const identity = current && current._count.versions > 0 ? null : identityOf(compileDraft(file.text, file.path, known), file.path);
    return [{ file, current, identity }];
  });

  try {
    await prisma.$transaction(
      async (tx) => {
        for (const { file, current, identity } of writes) {
          if (current) {
            await tx.script.update({
              where: { id: current.id },
              data: { draftYaml: file.text, draftRevision: { increment: 1 }, deletedAt: null, ...identity },
            });
          } else if (identity) {
            await tx.script.create({ data: { projectId, path: file.path, draftYaml: file.text, ...identity } });
          }
        }
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("Someone created one of these files at the same moment. Nothing was imported; please try again.");
    throw error;
  }
  for (const { file, current } of writes) (current ? report.updated : report.created).push(file.path);
  return report;
}
