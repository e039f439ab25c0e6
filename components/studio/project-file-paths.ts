/**
 * Where a project's files live: the folders of the file tree, in the order shown, and the path
 * rules the file dialogs apply to what the author types.
 */
import type { FileSummary } from "./types";

export const FOLDERS = [
  { folder: "sessions", label: "Session scripts", hint: "Whole conversations clients can start." },
  { folder: "techniques", label: "Techniques", hint: "Reusable topics that sessions call with use_skill." },
  { folder: "safety", label: "Safety", hint: "Triggers that interrupt any session." },
] as const;

export type Folder = (typeof FOLDERS)[number]["folder"];

/** "intake" → "intake.yaml"; paths that already name .yaml/.yml stay. */
export function withYamlExtension(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return "";
  return /\.ya?ml$/i.test(trimmed) ? trimmed : `${trimmed}.yaml`;
}

/** The first folder of a path (its group in the tree), or "" for files at the top. */
export function topFolder(path: string): string {
  const slash = path.indexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** The path offered for a copy: "a.yaml" → "a-copy.yaml". */
export function copyPath(path: string): string {
  const dot = path.search(/\.ya?ml$/i);
  return dot === -1 ? `${path}-copy.yaml` : `${path.slice(0, dot)}-copy${path.slice(dot)}`;
}

/** The files by top folder: the known folders first (shown even when empty), then any others, then the top level. */
export function groupFiles(files: readonly FileSummary[]) {
  const groups = new Map<string, FileSummary[]>(FOLDERS.map((f) => [f.folder, []]));
  for (const file of files) {
    const folder = topFolder(file.path);
    const list = groups.get(folder) ?? [];
    list.push(file);
    groups.set(folder, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => folderRank(a) - folderRank(b) || a.localeCompare(b))
    .map(([folder, list]) => ({ folder, hint: FOLDERS.find((f) => f.folder === folder)?.hint, files: list }));
}

function folderRank(folder: string): number {
  const index = FOLDERS.findIndex((f) => f.folder === folder);
  return index === -1 ? (folder ? FOLDERS.length : FOLDERS.length + 1) : index;
}
