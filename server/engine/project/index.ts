export { compileProject, type CompiledProject, type ProjectFile } from "./compile-project";
