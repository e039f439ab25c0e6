/**
 * Loads what the engine needs to run a session: its pinned compiled script, and the project's
 * techniques at the versions the session pinned when it started. Plain SQL: this is on every turn.
 */
import type { CompiledScript, CompiledTechniqueScript } from "../../engine/script";
import { projectSafety, type ProjectSafety } from "../../engine/project";
import type { Sql } from "../../db/sql";

export type TechniquePins = Record<string, string>;

export interface Runnable {
  scriptVersionId: string;
  script: CompiledScript;
  techniques: Record<string, CompiledTechniqueScript>;
  /** The project's safety triggers and crisis keywords (from its safety files). */
  safety: ProjectSafety;
  /** The project's overrides of the prompt scheme. */
  promptOverrides: Record<string, string>;
  pins: TechniquePins;
}

/** Safety files are pinned beside techniques, under this prefix. */
const SAFETY_PIN = "safety:";

/** What starting a session on a script needs: its latest version and the project's pins and overrides. */
export interface StartTarget {
  versionId: string;
  pins: TechniquePins;
  promptOverrides: Record<string, string>;
}

const latestVersion = (script: string) =>
  `(SELECT v.id FROM "ScriptVersion" v WHERE v."scriptId" = ${script} ORDER BY v.number DESC LIMIT 1)`;

/** The latest published version of every technique and safety file in the project is what a new session pins. */
const START_TARGET = `SELECT ${latestVersion("s.id")} AS "versionId", p."promptOverrides",
  (SELECT COALESCE(jsonb_object_agg(CASE WHEN t.kind = 'safety' THEN '${SAFETY_PIN}' || t."scriptKey" ELSE t."scriptKey" END, t.latest), '{}'::jsonb)
     FROM (SELECT kind, "scriptKey", ${latestVersion("o.id")} AS latest FROM "Script" o
           WHERE o."projectId" = s."projectId" AND o.kind IN ('technique', 'safety') AND o."deletedAt" IS NULL) t
     WHERE t.latest IS NOT NULL) AS pins
FROM "Script" s JOIN "Project" p ON p.id = s."projectId"
WHERE s.id = $1 AND s.kind = 'session' AND s."deletedAt" IS NULL`;

/** A published session script by id, or null when it does not exist, was deleted or was never published. */
export async function loadStartTarget(sql: Sql, scriptId: string): Promise<StartTarget | null> {
  const [row] = await sql.query<{ versionId: string | null; promptOverrides: unknown; pins: TechniquePins }>(START_TARGET, [scriptId]);
  if (!row?.versionId) return null;
  return { versionId: row.versionId, pins: row.pins, promptOverrides: asOverrides(row.promptOverrides) };
}

/**
 * Published versions never change, so their compiled scripts (tens of KB of JSON each) are kept in
 * memory instead of being read and parsed again on every turn. Bounded; oldest out first.
 */
const VERSION_CACHE_MAX = 500;
const versionCache = new Map<string, CompiledScript>();

const VERSIONS = `SELECT id, compiled FROM "ScriptVersion" WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`;

async function loadVersions(sql: Sql, ids: readonly string[]): Promise<Map<string, CompiledScript>> {
  const found = new Map<string, CompiledScript>();
  const missing = ids.filter((id) => {
    const hit = versionCache.get(id);
    if (hit) found.set(id, hit);
    return !hit;
  });
  if (missing.length > 0) {
    for (const row of await sql.query<{ id: string; compiled: CompiledScript }>(VERSIONS, [JSON.stringify(missing)])) {
      found.set(row.id, row.compiled);
      versionCache.set(row.id, row.compiled);
      if (versionCache.size > VERSION_CACHE_MAX) versionCache.delete(versionCache.keys().next().value as string);
    }
  }
  return found;
}

/** `promptOverrides` are read by the caller with the session or script row: they can change at any time. */
export async function loadRunnable(sql: Sql, scriptVersionId: string, pins: TechniquePins, promptOverrides: Record<string, string>): Promise<Runnable> {
  const versions = await loadVersions(sql, [scriptVersionId, ...Object.values(pins)]);
  const script = versions.get(scriptVersionId);
  if (!script) throw new Error(`script version ${scriptVersionId} does not exist`);
  const techniques: Record<string, CompiledTechniqueScript> = {};
  const compiledScripts = Object.values(pins).flatMap((id) => {
    const compiled = versions.get(id);
    return compiled ? [compiled] : [];
  });
  for (const compiled of compiledScripts) {
    if (compiled.kind === "technique") techniques[compiled.key] = compiled;
  }
  return {
    scriptVersionId,
    script,
    techniques,
    safety: projectSafety(compiledScripts),
    promptOverrides,
    pins,
  };
}

/**
 * Whether a session may go on in template mode (the script's own words) while the model is down.
 * Scripts opt out with `metadata: { model_fallback: false }` when only model wording will do.
 */
export function allowsTemplateFallback(script: CompiledScript): boolean {
  return (script.metadata as Record<string, unknown>).model_fallback !== false;
}

/** A project's stored overrides, keeping only text entries (the column is free JSON). */
export function asOverrides(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
