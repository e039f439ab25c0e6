/** The analytics page's filters from its URL (`script`, `version`, `compare`, `from`, `to`). */
type SearchParams = Record<string, string | string[] | undefined>;

export interface AnalyticsParams {
  scriptId?: string;
  versionId?: string;
  compareVersionId?: string;
  from?: string;
  to?: string;
}

function one(value: string | string[] | undefined): string | undefined {
  const first = (Array.isArray(value) ? value[0] : value)?.trim();
  // Longer than any id or date: ignored like an unknown value (the API checks the rest).
  return first && first.length <= 64 ? first : undefined;
}

export function parseAnalyticsParams(params: SearchParams): AnalyticsParams {
  const parsed: AnalyticsParams = {};
  const script = one(params.script);
  const version = one(params.version);
  const compare = one(params.compare);
  const from = one(params.from);
  const to = one(params.to);
  if (script) parsed.scriptId = script;
  if (version) parsed.versionId = version;
  if (compare) parsed.compareVersionId = compare;
  if (from) parsed.from = from;
  if (to) parsed.to = to;
  return parsed;
}
