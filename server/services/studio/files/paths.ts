/**
 * File paths inside a project: one normal form ("sessions/intake.yaml"), and what a path says
 * about a file whose YAML does not compile (its kind from the folder, its key from the name).
 *
 * The same rules serve the editor (create, rename, duplicate) and zip import, so an archive
 * can never name a file outside the project (`..`, absolute paths, drive letters).
 */
import type { ScriptKind } from "../../../db/generated/enums";

export const MAX_PATH_LENGTH = 200;
const MAX_SEGMENT_LENGTH = 100;

export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };

const YAML_EXTENSION = /\.ya?ml$/i;
// Control characters, and characters that are not allowed in Windows file names.
const FORBIDDEN = /[\u0000-\u001f\u007f<>:"|?*]/;

/**
 * The normal form of a project file path: forward slashes, no `.` or empty segments. Refuses
 * absolute paths, `..`, hidden names, control and reserved characters, and anything that is not
 * a .yaml/.yml file.
 */
export function normaliseScriptPath(input: string): PathCheck {
  const raw = input.trim().replaceAll("\\", "/");
  if (!raw) return { ok: false, reason: "Give the file a path, e.g. sessions/intake.yaml." };
  if (raw.startsWith("/") || raw.startsWith("~") || /^[A-Za-z]:/.test(raw)) {
    return { ok: false, reason: "The path must be relative to the project (no leading /, ~ or drive letter)." };
  }
  const segments = raw.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) return { ok: false, reason: "The path must not contain `..`." };
  for (const segment of segments) {
    if (FORBIDDEN.test(segment)) return { ok: false, reason: `"${printable(segment)}" contains a character that is not allowed in a file name.` };
    if (segment.startsWith(".")) return { ok: false, reason: "Hidden files and folders (names starting with a dot) are not allowed." };
    if (segment !== segment.trim()) return { ok: false, reason: "File and folder names must not start or end with a space." };
    if (segment.length > MAX_SEGMENT_LENGTH) return { ok: false, reason: `File and folder names must be at most ${MAX_SEGMENT_LENGTH} characters.` };
  }
  const path = segments.join("/");
  if (!path) return { ok: false, reason: "Give the file a path, e.g. sessions/intake.yaml." };
  if (path.length > MAX_PATH_LENGTH) return { ok: false, reason: `The path must be at most ${MAX_PATH_LENGTH} characters.` };
  const name = segments[segments.length - 1] ?? "";
  if (!YAML_EXTENSION.test(name)) return { ok: false, reason: "Script files must end with .yaml or .yml." };
  if (!stemOf(path)) return { ok: false, reason: "The file needs a name before .yaml." };
  return { ok: true, path };
}

function printable(segment: string): string {
  return segment.replace(/[\u0000-\u001f\u007f]/g, "?").slice(0, 60);
}

/** The file name without folders and without .yaml/.yml. */
export function stemOf(path: string): string {
  const name = path.split("/").pop() ?? "";
  return name.replace(YAML_EXTENSION, "");
}

const FOLDER_KINDS: Record<string, ScriptKind> = {
  sessions: "session",
  session: "session",
  techniques: "technique",
  technique: "technique",
  skills: "technique",
  skill: "technique",
  safety: "safety",
  triggers: "safety",
};

/** The kind a path's folder suggests (the innermost known folder); session when none is known. */
export function kindFromPath(path: string): ScriptKind {
  const folders = path.split("/").slice(0, -1).reverse();
  for (const folder of folders) {
    const kind = FOLDER_KINDS[folder.toLowerCase()];
    if (kind) return kind;
  }
  return "session";
}

/** Whether a folder name is one of the known script folders (sessions/, techniques/, safety/, ...). */
export function isKindFolder(folder: string): boolean {
  return FOLDER_KINDS[folder.toLowerCase()] !== undefined;
}

/** An id made of letters, digits and `_` (as session_id and technique_id must be), from a file name. */
export function idFromName(name: string): string {
  const id = name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
  return id || "untitled";
}

/** The script key a path suggests: the safety key is the file name itself, other keys an id made from it. */
export function keyFromPath(path: string, kind: ScriptKind): string {
  const stem = stemOf(path);
  return kind === "safety" ? stem || "safety" : idFromName(stem);
}

/** A display name from a file name: "check-in.en" → "Check in en". */
export function titleFromName(name: string): string {
  const words = name.replace(/[-_.]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Untitled";
}
