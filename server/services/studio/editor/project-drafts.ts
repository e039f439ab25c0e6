/**
 * A draft in the context of its project: the project's other (non-deleted) drafts give the
 * technique ids `use_skill` is checked against, and — for trying a draft — the compiled
 * techniques and safety rules it runs with (the same rules as compileProject).
 *
 * The other files are read from the database on every call, but only their ids, paths and
 * revisions; their text, technique id and compiled result are kept in a process-wide cache keyed
 * by (script id, draftRevision), so typing in one file never recompiles the others.
 */
import type { PrismaClient } from "../../../db/generated/client";
import { projectSafety, type ProjectSafety } from "../../../engine/project";
import {
  compileScript,
  peekTechniqueId,
  type CompileResult,
  type CompiledScript,
  type CompiledTechniqueScript,
} from "../../../engine/script";

export interface DraftInProject {
  /** The path of the file being edited; its stored draft is replaced by `yaml`. Absent: a new file. */
  path?: string;
  yaml: string;
}

export interface OtherFile {
  id: string;
  path: string;
  revision: number;
  techniqueId: string | undefined;
}

export interface ProjectContext {
  others: OtherFile[];
  /** Technique ids of the project with the draft in it (the draft's own when it is a technique). */
  knownTechniques: Set<string>;
}

interface CachedFile {
  revision: number;
  text: string;
  techniqueId: string | undefined;
  /** The last compile, with what it depended on besides the text. */
  compiled?: { path: string; knownKey: string; result: CompileResult };
}

/** Keeps recently used files; bounded by their total text size. */
class FileCache {
  private readonly entries = new Map<string, CachedFile>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(id: string, revision: number): CachedFile | undefined {
    const entry = this.entries.get(id);
    if (!entry || entry.revision !== revision) return undefined;
    // Most recently used last.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry;
  }

  set(id: string, entry: CachedFile): void {
    const previous = this.entries.get(id);
    if (previous) {
      this.chars -= previous.text.length;
      this.entries.delete(id);
    }
    this.entries.set(id, entry);
    this.chars += entry.text.length;
    for (const [oldest, value] of this.entries) {
      if (this.chars <= this.maxChars || oldest === id) break;
      this.entries.delete(oldest);
      this.chars -= value.text.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}

/** 16 M characters of script text (about 32 MB in memory): a busy deployment's projects several times over. */
const cache = new FileCache(16 * 1024 * 1024);

/** For tests and benchmarks: forget every cached file. */
export function clearProjectDraftCache(): void {
  cache.clear();
}

type Db = Pick<PrismaClient, "script">;

/** The project's other drafts (cached by revision) and the technique ids the draft is checked against. */
export async function loadProjectContext(db: Db, projectId: string, draft: DraftInProject): Promise<ProjectContext> {
  const rows = await db.script.findMany({
    where: { projectId, deletedAt: null },
    select: { id: true, path: true, draftRevision: true },
    orderBy: { path: "asc" },
  });
  const others = rows.filter((row) => row.path !== draft.path);
  const missing = others.filter((row) => !cache.get(row.id, row.draftRevision));
  const fresh = new Map<string, number>();
  if (missing.length > 0) {
    const texts = await db.script.findMany({
      where: { id: { in: missing.map((row) => row.id) } },
      select: { id: true, draftYaml: true, draftRevision: true },
    });
    for (const row of texts) {
      cache.set(row.id, { revision: row.draftRevision, text: row.draftYaml, techniqueId: peekTechniqueId(row.draftYaml) });
      // Saved between the two reads: the newer text is the one to use.
      fresh.set(row.id, row.draftRevision);
    }
  }
  const files: OtherFile[] = [];
  for (const row of others) {
    const revision = fresh.get(row.id) ?? row.draftRevision;
    const entry = cache.get(row.id, revision);
    // Deleted between the two reads (or evicted at once by a huge neighbour): left out.
    if (entry) files.push({ id: row.id, path: row.path, revision, techniqueId: entry.techniqueId });
  }
  const knownTechniques = new Set(files.flatMap((file) => (file.techniqueId === undefined ? [] : [file.techniqueId])));
  const own = peekTechniqueId(draft.yaml);
  if (own !== undefined) knownTechniques.add(own);
  return { others: files, knownTechniques };
}

/** The draft's compile result, checked against the project's techniques. */
export function compileDraft(context: ProjectContext, draft: DraftInProject): CompileResult {
  return compileScript(draft.yaml, { knownTechniques: context.knownTechniques, forClients: true, ...(draft.path ? { fileName: draft.path } : {}) });
}

export interface ProjectRuntime {
  techniques: Record<string, CompiledTechniqueScript>;
  safety: ProjectSafety;
}

/**
 * The compiled techniques and safety rules of the other files (files with errors are left out,
 * as compileProject does). Each file's result is cached with its revision, path and the set of
 * known technique ids it was checked against.
 */
export function compileOthers(context: ProjectContext): ProjectRuntime {
  const knownKey = [...context.knownTechniques].sort().join("\n");
  const techniques: Record<string, CompiledTechniqueScript> = {};
  const compiled: CompiledScript[] = [];
  for (const file of context.others) {
    const entry = cache.get(file.id, file.revision);
    if (!entry) continue;
    let result = entry.compiled?.path === file.path && entry.compiled.knownKey === knownKey ? entry.compiled.result : undefined;
    if (!result) {
      result = compileScript(entry.text, { knownTechniques: context.knownTechniques, fileName: file.path, forClients: true });
      entry.compiled = { path: file.path, knownKey, result };
    }
    if (!result.ok) continue;
    compiled.push(result.script);
    if (result.script.kind === "technique") techniques[result.script.key] = result.script;
  }
  return { techniques, safety: projectSafety(compiled) };
}
