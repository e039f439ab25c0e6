/**
 * Prompt schemes: the engine's own prompts, kept as versioned data files in ./schemes
 * (`<name>@<version>.json`). Messages record the scheme id that produced them. A script picks a
 * scheme with `template_scheme:`; a project may override any entry by key.
 */
import defaultV1 from "./schemes/default@1.json";

type SchemeFile = typeof defaultV1;
export type PromptKey = Exclude<keyof SchemeFile, "id" | "$comment">;
export type PromptScheme = { id: string } & Record<PromptKey, string>;

function fromFile(file: SchemeFile): PromptScheme {
  const entries: Record<string, unknown> = { ...file };
  delete entries.$comment;
  return { ...(entries as Omit<SchemeFile, "$comment" | "system">), system: file.system.join("\n") };
}

export const DEFAULT_SCHEME: PromptScheme = fromFile(defaultV1);

/** Every entry a project may override, in the file's order. */
export const PROMPT_KEYS: readonly PromptKey[] = Object.keys(DEFAULT_SCHEME).filter((key): key is PromptKey => key !== "id");

const SCHEMES: Record<string, PromptScheme> = { default: DEFAULT_SCHEME };

/** The scheme a script names, with a project's overrides; unknown schemes fall back to the default. */
export function resolveScheme(name: string | undefined, overrides?: Readonly<Record<string, string>>): PromptScheme {
  const base = SCHEMES[name ?? "default"] ?? DEFAULT_SCHEME;
  if (!overrides || Object.keys(overrides).length === 0) return base;
  const merged: PromptScheme = { ...base };
  let changed = false;
  for (const key of PROMPT_KEYS) {
    const override = overrides[key];
    if (typeof override === "string" && override.trim() && override !== base[key]) {
      merged[key] = override;
      changed = true;
    }
  }
  if (!changed) return base;
  merged.id = `${base.id}+project`;
  return merged;
}

const PLACEHOLDER = /\{([a-z_]+)\}/g;

/**
 * Problems with a project's overrides: unknown keys, and placeholders the default uses that the
 * override drops (a system prompt without {task} would silently lose the script's instructions).
 */
export function checkPromptOverrides(overrides: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const [key, text] of Object.entries(overrides)) {
    if (!(PROMPT_KEYS as readonly string[]).includes(key)) {
      problems.push(`"${key}" is not a prompt of the default scheme`);
      continue;
    }
    const needed = new Set([...DEFAULT_SCHEME[key as PromptKey].matchAll(PLACEHOLDER)].map((m) => m[1]));
    const given = new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]));
    const missing = [...needed].filter((name) => !given.has(name));
    if (missing.length) problems.push(`${key} must keep ${missing.map((m) => `{${m}}`).join(", ")}`);
  }
  return problems;
}
