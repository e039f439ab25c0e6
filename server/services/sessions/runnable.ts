/**
 * Loads what the engine needs to run a session: its pinned compiled script, and the project's
 * techniques at the versions the session pinned when it started.
 */
import type { CompiledScript, CompiledTechniqueScript } from "../../engine/script";
import { projectSafety, type ProjectSafety } from "../../engine/project";
import type { PrismaClient } from "../../db/generated/client";

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

type Db = Pick<PrismaClient, "scriptVersion" | "script" | "project">;

/** The latest published version of every technique and safety file in the project: what a new session pins. */
export async function latestTechniquePins(db: Db, projectId: string): Promise<TechniquePins> {
  const scripts = await db.script.findMany({
    where: { projectId, kind: { in: ["technique", "safety"] }, deletedAt: null },
    select: { kind: true, scriptKey: true, versions: { orderBy: { number: "desc" }, take: 1, select: { id: true } } },
  });
  const pins: TechniquePins = {};
  for (const script of scripts) {
    const latest = script.versions[0];
    if (latest) pins[script.kind === "safety" ? `${SAFETY_PIN}${script.scriptKey}` : script.scriptKey] = latest.id;
  }
  return pins;
}

/**
 * Published versions never change, so their compiled scripts (tens of KB of JSON each) are kept in
 * memory instead of being read and parsed again on every turn. Bounded; oldest out first.
 */
const VERSION_CACHE_MAX = 500;
const versionCache = new Map<string, { compiled: CompiledScript; projectId: string }>();

async function loadVersions(db: Db, ids: readonly string[]): Promise<Map<string, { compiled: CompiledScript; projectId: string }>> {
  const found = new Map<string, { compiled: CompiledScript; projectId: string }>();
  const missing = ids.filter((id) => {
    const hit = versionCache.get(id);
    if (hit) found.set(id, hit);
    return !hit;
  });
  if (missing.length > 0) {
    const rows = await db.scriptVersion.findMany({
      where: { id: { in: missing } },
      select: { id: true, compiled: true, script: { select: { projectId: true } } },
    });
    for (const row of rows) {
      const entry = { compiled: row.compiled as unknown as CompiledScript, projectId: row.script.projectId };
      found.set(row.id, entry);
      versionCache.set(row.id, entry);
      if (versionCache.size > VERSION_CACHE_MAX) versionCache.delete(versionCache.keys().next().value as string);
    }
  }
  return found;
}

export async function loadRunnable(db: Db, scriptVersionId: string, pins: TechniquePins): Promise<Runnable> {
  const versions = await loadVersions(db, [scriptVersionId, ...Object.values(pins)]);
  const version = versions.get(scriptVersionId);
  if (!version) throw new Error(`script version ${scriptVersionId} does not exist`);
  // Overrides can change at any time, so they are read each time (a small row).
  const project = await db.project.findUnique({ where: { id: version.projectId }, select: { promptOverrides: true } });
  const techniques: Record<string, CompiledTechniqueScript> = {};
  const compiledScripts = Object.values(pins).flatMap((id) => {
    const entry = versions.get(id);
    return entry ? [entry.compiled] : [];
  });
  for (const compiled of compiledScripts) {
    if (compiled.kind === "technique") techniques[compiled.key] = compiled;
  }
  return {
    scriptVersionId,
    script: version.compiled,
    techniques,
    safety: projectSafety(compiledScripts),
    promptOverrides: asOverrides(project?.promptOverrides),
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
