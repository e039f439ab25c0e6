/**
 * The metric names a PromQL expression reads, for checking that alert rules and dashboard panels
 * only use metrics the app exports. Strings, label matchers, ranges, Grafana variables, label
 * lists (`by (...)`, `on (...)`), keywords, numbers and function names are not metric names.
 */
const KEYWORDS = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan"]);

export function metricNames(expr: string): Set<string> {
  const text = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, " ")
    .replace(/#.*$/gm, " ")
    .replace(/\$\{[^}]*\}|\$\w+/g, " ")
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, " ")
    .replace(/\boffset\s+-?[0-9a-z]+/gi, " ")
    .replace(/(?<![A-Za-z0-9_:])[0-9]+(?:\.[0-9]*)?(?:e[+-]?[0-9]+)?/gi, " ");
  const names = new Set<string>();
  for (const match of text.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*(?!\s*\()/g)) {
    const name = match[0];
    // A name cut short by the lookahead is a function name's prefix; skip the whole word then.
    const next = text.slice((match.index ?? 0) + name.length);
    if (/^[A-Za-z0-9_:]/.test(next)) continue;
    if (!KEYWORDS.has(name.toLowerCase())) names.add(name);
  }
  return names;
}

/** Metric families in Prometheus text format, by name and type (`# TYPE name type`). */
export function exportedFamilies(exposition: string): Map<string, string> {
  const families = new Map<string, string>();
  for (const match of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) families.set(match[1] as string, match[2] as string);
  return families;
}

/** Whether `name` is a series the families produce: a family itself, or a histogram's or summary's _bucket/_sum/_count. */
export function isExported(name: string, families: Map<string, string>): boolean {
  if (families.has(name)) return true;
  const base = /^(.*)_(bucket|sum|count)$/.exec(name);
  if (!base) return false;
  const type = families.get(base[1] as string);
  return type === "histogram" || (type === "summary" && base[2] !== "bucket");
}
