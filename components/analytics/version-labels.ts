/** Names for script versions on analytics pages: "check_in v3", with the path when keys repeat. */
import type { AnalyticsScriptOption } from "@/server/services/analytics/report";

export type VersionLabels = ReadonlyMap<string, string>;

export function versionLabels(scripts: readonly AnalyticsScriptOption[]): VersionLabels {
  const keyCount = new Map<string, number>();
  for (const s of scripts) keyCount.set(s.scriptKey, (keyCount.get(s.scriptKey) ?? 0) + 1);
  const labels = new Map<string, string>();
  for (const s of scripts) {
    const name = (keyCount.get(s.scriptKey) ?? 0) > 1 ? s.path : s.scriptKey;
    for (const v of s.versions) labels.set(v.id, `${name} v${v.number}`);
  }
  return labels;
}

export function labelOf(labels: VersionLabels, versionId: string): string {
  return labels.get(versionId) ?? versionId;
}
