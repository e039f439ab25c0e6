/**
 * Compiling a draft inside its project: `use_skill` and trigger targets are checked against the
 * project's techniques, and a file's identity (kind, script key) is read from the result.
 *
 * Drafts are checked the way the editor's live analysis checks them (the technique ids of the
 * project's other drafts), so saved and live diagnostics agree. Publishing is stricter: only
 * published techniques count, since a session can only run those.
 */
import { compileScript, type CompileResult, type CompiledScript, type Diagnostic } from "../../../engine/script";
import type { Prisma, PrismaClient } from "../../../db/generated/client";
import type { ScriptKind } from "../../../db/generated/enums";
import { loadProjectContext } from "../editor/project-drafts";
import { keyFromPath, kindFromPath } from "./paths";

type Db = Pick<PrismaClient, "script"> | Pick<Prisma.TransactionClient, "script">;

export interface Identity {
  kind: ScriptKind;
  scriptKey: string;
}

/** Technique ids of the project's files that are not deleted and have a published version: what a session can run. */
export async function publishedTechniques(db: Db, projectId: string): Promise<Set<string>> {
  const rows = await db.script.findMany({
    where: { projectId, kind: "technique", deletedAt: null, versions: { some: {} } },
    select: { scriptKey: true },
  });
  return new Set(rows.map((r) => r.scriptKey));
}

/** Technique ids declared by the project's drafts (not deleted), plus the given draft's own. */
export async function draftTechniques(db: Pick<PrismaClient, "script">, projectId: string, draft: { path?: string; yaml: string } = { yaml: "" }): Promise<Set<string>> {
  return (await loadProjectContext(db, projectId, draft)).knownTechniques;
}

/** A draft at `path` compiled against the technique ids of the project's other drafts. */
export async function compileInProject(db: Pick<PrismaClient, "script">, projectId: string, path: string, yaml: string): Promise<CompileResult> {
  return compileDraft(yaml, path, await draftTechniques(db, projectId, { path, yaml }));
}

export function compileDraft(yaml: string, path: string, knownTechniques: Iterable<string>): CompileResult {
  return compileScript(yaml, { knownTechniques, fileName: path, forClients: true });
}

/** Kind and key of a compiled draft, or, for a draft with errors, what its path suggests. */
export function identityOf(result: CompileResult, path: string): Identity {
  if (result.ok) return identityOfCompiled(result.script);
  const kind = kindFromPath(path);
  return { kind, scriptKey: keyFromPath(path, kind) };
}

export function identityOfCompiled(script: Pick<CompiledScript, "kind" | "key">): Identity {
  return { kind: script.kind, scriptKey: script.key };
}

export function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "error");
}

/** "line:column message" for the first few errors, for a refusal message. */
export function describeErrors(errors: readonly Diagnostic[], limit = 5): string {
  const shown = errors.slice(0, limit).map((d) => `${d.line}:${d.column} ${d.message}`);
  const more = errors.length > limit ? `; and ${errors.length - limit} more` : "";
  return `${shown.join("; ")}${more}`;
}

/** Compiled scripts are plain JSON by contract; this narrows the type for Prisma's Json column. */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
