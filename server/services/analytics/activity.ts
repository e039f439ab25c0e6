/**
 * How many sessions start and complete: per day, and per script version with the completion
 * rate, turns and duration. Each function is one SQL statement over the sessions in scope.
 */
import type { PrismaClient } from "../../db/generated/client";
import { scopedSessions, type AnalyticsFilters } from "./scope";
import { analyticsQuery, sql } from "./run-query";

export interface DayCount {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  started: number;
  /** Of the sessions started that day, how many have completed. */
  completed: number;
}

/** Sessions started per UTC day (every day from the first to the last, zeros included). */
export async function sessionsPerDay(prisma: PrismaClient, filters: AnalyticsFilters): Promise<DayCount[]> {
  return analyticsQuery<DayCount>(prisma, sql`
    WITH scoped AS (${scopedSessions(filters)}),
    counts AS (
      SELECT date_trunc('day', "createdAt") AS day, count(*)::int AS started,
             count(*) FILTER (WHERE status = 'completed')::int AS completed
      FROM scoped GROUP BY 1
    ),
    days AS (
      SELECT generate_series(min(day), max(day), interval '1 day') AS day FROM counts
    )
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, COALESCE(c.started, 0) AS started, COALESCE(c.completed, 0) AS completed
    FROM days d LEFT JOIN counts c ON c.day = d.day
    ORDER BY d.day`);
}

export interface VersionCompletion {
  versionId: string;
  scriptKey: string;
  scriptPath: string;
  versionNumber: number;
  started: number;
  completed: number;
  /** Completed as a percentage of started, one decimal. */
  completionRate: number;
}

/** Started and completed sessions and the completion rate of each script version in scope. */
export async function completionByVersion(prisma: PrismaClient, filters: AnalyticsFilters): Promise<VersionCompletion[]> {
  return analyticsQuery<VersionCompletion>(prisma, sql`
    WITH scoped AS (${scopedSessions(filters)}),
    counts AS (
      SELECT "scriptVersionId", count(*)::int AS started, count(*) FILTER (WHERE status = 'completed')::int AS completed
      FROM scoped GROUP BY 1
    )
    SELECT v.id AS "versionId", sc."scriptKey", sc.path AS "scriptPath", v.number AS "versionNumber",
           c.started, c.completed, round(100.0 * c.completed / c.started, 1)::float8 AS "completionRate"
    FROM counts c
    JOIN "ScriptVersion" v ON v.id = c."scriptVersionId"
    JOIN "Script" sc ON sc.id = v."scriptId"
    ORDER BY sc.path, v.number`);
}

export interface VersionEngagement {
  versionId: string;
  sessions: number;
  /** Median client turns per session. */
  medianTurns: number;
  /** Median time from start to the last activity (or the end), in seconds. */
  medianSeconds: number;
  /** The same over completed sessions only; null when none completed. */
  medianCompletedSeconds: number | null;
}

/** Median turns and duration per script version in scope. */
export async function engagementByVersion(prisma: PrismaClient, filters: AnalyticsFilters): Promise<VersionEngagement[]> {
  return analyticsQuery<VersionEngagement>(prisma, sql`
    WITH scoped AS (${scopedSessions(filters)})
    SELECT "scriptVersionId" AS "versionId", count(*)::int AS sessions,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY "turnCount")::float8 AS "medianTurns",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM COALESCE("endedAt", "updatedAt") - "createdAt"))::float8 AS "medianSeconds",
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "endedAt" - "createdAt")) FILTER (WHERE status = 'completed'))::float8 AS "medianCompletedSeconds"
    FROM scoped GROUP BY 1 ORDER BY 1`);
}
