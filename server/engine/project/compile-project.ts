/**
 * Compiles the files of one project together, so `use_skill` is checked against the project's
 * own techniques and the runtime gets them by id.
 */
import { compileScript, peekTechniqueId, type CompileResult, type CompiledScript, type CompiledTechniqueScript, type CompiledTrigger } from "../script";

export interface ProjectFile {
  path: string;
  text: string;
}

export interface CompiledProject {
  results: Map<string, CompileResult>;
  techniques: Record<string, CompiledTechniqueScript>;
  /** From the project's safety files: they apply to every session of the project. */
  safety: ProjectSafety;
}

export interface ProjectSafety {
  safetyTriggers: CompiledTrigger[];
  crisisKeywords: string[];
}

/** The project-wide safety rules from compiled scripts (safety files only). */
export function projectSafety(scripts: Iterable<CompiledScript>): ProjectSafety {
  const safety: ProjectSafety = { safetyTriggers: [], crisisKeywords: [] };
  for (const script of scripts) {
    if (script.kind !== "safety") continue;
    safety.safetyTriggers.push(...script.triggers);
    safety.crisisKeywords.push(...script.crisis_keywords);
  }
  return safety;
}

export function compileProject(files: readonly ProjectFile[]): CompiledProject {
  const knownTechniques = new Set(files.map((f) => peekTechniqueId(f.text)).filter((id): id is string => id !== undefined));
  const results = new Map<string, CompileResult>();
  const techniques: Record<string, CompiledTechniqueScript> = {};
  for (const file of files) {
    const result = compileScript(file.text, { knownTechniques, fileName: file.path });
    results.set(file.path, result);
    if (result.ok && result.script.kind === "technique") techniques[result.script.key] = result.script;
  }
  const compiled = [...results.values()].flatMap((r) => (r.ok ? [r.script] : []));
  return { results, techniques, safety: projectSafety(compiled) };
}
