// Monaco's deep ESM entry points (the editor core without the bundled JSON/CSS/HTML/TypeScript
// languages, and one basic language) have no typings of their own: they are the package's API.
declare module "monaco-editor/esm/vs/editor/edcore.main" {
  export * from "monaco-editor";
}

declare module "monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution";
