export { compileProject, projectSafety, type ProjectSafety } from "./compile-project";
