/**
 * Compiling a draft inside its project: `use_skill` and trigger targets are checked against the
 * project's techniques, and a file's identity (kind, script key) is read from the result.
 */
import { compileScript, type CompileResult, type CompiledScript, type Diagnostic } from "../../../engine/script";
import type { Prisma, PrismaClient } from "../../../db/generated/client";
import type { ScriptKind } from "../../../db/generated/enums";
import { keyFromPath, kindFromPath } from "./paths";

type Db = Pick<PrismaClient, "script"> | Pick<Prisma.TransactionClient, "script">;

export interface Identity {
  kind: ScriptKind;
  scriptKey: string;
}

/**
 * Technique ids of the project's files that are not deleted. `publishedOnly`: only techniques
 * with a published version, which is what a session can actually run.
 */
export async function projectTechniques(db: Db, projectId: string, options: { publishedOnly?: boolean } = {}): Promise<Set<string>> {
  const rows = await db.script.findMany({
    where: { projectId, kind: "technique", deletedAt: null, ...(options.publishedOnly ? { versions: { some: {} } } : {}) },
    select: { scriptKey: true },
  });
  return new Set(rows.map((r) => r.scriptKey));
}

export function compileDraft(yaml: string, path: string, knownTechniques: Iterable<string>): CompileResult {
  return compileScript(yaml, { knownTechniques, fileName: path });
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
