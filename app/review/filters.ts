import { RISK_LEVELS, type RiskLevel } from "@/server/engine/safety/risk-types";
import { isStorable } from "@/server/engine/text/storable";

export const PAGE_SIZE = 50;

type SearchParams = Record<string, string | string[] | undefined>;

export interface ParsedFilters {
  riskLevels: RiskLevel[];
  state: "all" | "unreviewed" | "reviewed";
  scriptId: string | undefined;
  projectId: string | undefined;
  page: number;
}

function values(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(Boolean);
}

function one(value: string | string[] | undefined): string | undefined {
  const first = values(value)[0]?.trim();
  // A value that cannot be stored cannot match anything either: ignored like any unknown value.
  return first && first.length <= 64 && isStorable(first) ? first : undefined;
}

/** The list filters from the URL (`risk`, `state`, `script`, `project`, `page`); unknown values are ignored. */
export function parseFilters(params: SearchParams): ParsedFilters {
  const riskLevels = values(params.risk).filter((v): v is RiskLevel => (RISK_LEVELS as readonly string[]).includes(v));
  const state = one(params.state);
  const page = Number.parseInt(one(params.page) ?? "1", 10);
  return {
    riskLevels: [...new Set(riskLevels)],
    state: state === "unreviewed" || state === "reviewed" ? state : "all",
    scriptId: one(params.script),
    projectId: one(params.project),
    page: Number.isFinite(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The review API's filter input for parsed filters. */
export function filtersInput(filters: ParsedFilters) {
  return {
    state: filters.state,
    ...(filters.riskLevels.length ? { riskLevels: filters.riskLevels } : {}),
    ...(filters.scriptId ? { scriptId: filters.scriptId } : {}),
    ...(filters.projectId ? { projectId: filters.projectId } : {}),
  };
}

export const SESSION_STATUSES = ["active", "completed", "ended"] as const;
export type SessionStatusFilter = (typeof SESSION_STATUSES)[number];

export interface ParsedSessionFilters {
  riskLevels: RiskLevel[];
  scriptId: string | undefined;
  scriptVersion: number | undefined;
  status: SessionStatusFilter | undefined;
  projectId: string | undefined;
  page: number;
}

/**
 * The all-sessions filters from the URL (`risk`, `script`, `version`, `status`, `project`, `page`);
 * unknown values are ignored.
 */
export function parseSessionFilters(params: SearchParams): ParsedSessionFilters {
  const { riskLevels, scriptId, projectId, page } = parseFilters(params);
  const versionText = one(params.version);
  const version = versionText && /^\d{1,7}$/.test(versionText) ? Number(versionText) : undefined;
  const status = one(params.status);
  return {
    riskLevels,
    scriptId,
    scriptVersion: version !== undefined && version >= 1 ? version : undefined,
    status: (SESSION_STATUSES as readonly string[]).includes(status ?? "") ? (status as SessionStatusFilter) : undefined,
    projectId,
    page,
  };
}

/** The review API's all-sessions filter input for parsed filters. */
export function sessionFiltersInput(filters: ParsedSessionFilters) {
  return {
    ...(filters.riskLevels.length ? { riskLevels: filters.riskLevels } : {}),
    ...(filters.scriptId ? { scriptId: filters.scriptId } : {}),
    ...(filters.scriptVersion !== undefined ? { scriptVersion: filters.scriptVersion } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.projectId ? { projectId: filters.projectId } : {}),
  };
}
