/**
 * Older `consciousness:` safety files: their crisis keywords join the built-in lexicon; every
 * other part is accepted but reported as not used yet, so authors know it has no effect.
 */
import { isObject } from "./normalise";
import type { Reporter } from "./report";
import { childPath } from "./source-map";

/** Returns the crisis keywords; reports the parts that have no effect. */
export function readConsciousness(value: unknown, path: string, report: Reporter): string[] {
  if (value === undefined) return [];
  if (!isObject(value)) {
    report.value("invalid-type", path, "`consciousness` must be a mapping of `key: value` fields.");
    return [];
  }
  const keywords: string[] = [];
  for (const [key, part] of Object.entries(value)) {
    const partPath = childPath(path, key);
    if (key !== "safety_baseline" || !isObject(part)) {
      notUsed(report, partPath, `consciousness.${key}`);
      continue;
    }
    for (const [baselineKey, baselinePart] of Object.entries(part)) {
      const baselinePath = childPath(partPath, baselineKey);
      if (baselineKey !== "keyword_check" || !isObject(baselinePart)) {
        notUsed(report, baselinePath, `safety_baseline.${baselineKey}`);
        continue;
      }
      for (const [checkKey, checkPart] of Object.entries(baselinePart)) {
        const checkPath = childPath(baselinePath, checkKey);
        if (checkKey === "crisis_keywords") keywords.push(...collectKeywords(checkPart, checkPath, report));
        else notUsed(report, checkPath, `keyword_check.${checkKey}`);
      }
    }
  }
  return [...new Set(keywords)];
}

function notUsed(report: Reporter, path: string, name: string): void {
  report.key("not-yet-supported", path, `\`${name}\` is accepted for older scripts but not used by this engine yet; it has no effect.`);
}

/** A list of words, or a mapping of lists (e.g. by language or by level). */
function collectKeywords(value: unknown, path: string, report: Reporter): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => {
      if (typeof item === "string" || typeof item === "number") return [String(item)];
      report.value("invalid-type", childPath(path, index), "Each crisis keyword must be text.");
      return [];
    });
  }
  if (isObject(value)) return Object.entries(value).flatMap(([key, part]) => collectKeywords(part, childPath(path, key), report));
  report.value("invalid-type", path, "`crisis_keywords` must be a list of words (or a mapping of such lists).");
  return [];
}
