/**
 * Compiles the files of one project together, so `use_skill` is checked against the project's
 * own techniques and the runtime gets them by id.
 */
import { compileScript, peekTechniqueId, type CompileResult, type CompiledTechniqueScript } from "../script";

export interface ProjectFile {
  path: string;
  text: string;
}

export interface CompiledProject {
  results: Map<string, CompileResult>;
  techniques: Record<string, CompiledTechniqueScript>;
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
  return { results, techniques };
}
