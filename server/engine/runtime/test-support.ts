/** Shared by the runtime's tests: compile inline YAML or fail with its diagnostics. */
import { compileScript, type CompiledScript } from "../script";

export function compileOrThrow(yaml: string, knownTechniques?: string[]): CompiledScript {
  const result = compileScript(yaml, knownTechniques ? { knownTechniques } : {});
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join("\n"));
  return result.script;
}
