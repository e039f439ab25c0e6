export { compileProject, projectSafety, type CompiledProject, type ProjectFile, type ProjectSafety } from "./compile-project";
