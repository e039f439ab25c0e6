/** A project's wording of the engine's prompts: the defaults, and the overrides authors set. */
import type { Prisma, PrismaClient } from "../../../db/generated/client";
import { checkPromptOverrides, DEFAULT_SCHEME, PROMPT_KEYS } from "../../../engine/prompts/default-scheme";
import { ServiceError } from "../../errors";
import { asOverrides } from "../../sessions/runnable";

export interface PromptSchemeView {
  schemeId: string;
  entries: { key: string; defaultText: string; override: string | null }[];
}

export async function getProjectPrompts(prisma: PrismaClient, projectId: string): Promise<PromptSchemeView> {
  const project = await prisma.project.findUnique({ where: { id: projectId }, select: { promptOverrides: true } });
  if (!project) throw new ServiceError("NOT_FOUND", "This project was not found.");
  const overrides = asOverrides(project.promptOverrides);
  return {
    schemeId: DEFAULT_SCHEME.id,
    entries: PROMPT_KEYS.map((key) => ({ key, defaultText: DEFAULT_SCHEME[key], override: overrides[key] ?? null })),
  };
}

/**
 * Replaces the project's overrides. Empty texts and texts equal to the default are dropped; unknown
 * keys, or an override that drops a placeholder the engine fills, are refused with the reason.
 * New sessions use the new wording; their messages record the scheme id "default@1+project".
 */
export async function saveProjectPrompts(prisma: PrismaClient, projectId: string, overrides: Record<string, string>): Promise<PromptSchemeView> {
  const kept = Object.fromEntries(
    Object.entries(overrides).filter(([key, text]) => text.trim() !== "" && text !== (DEFAULT_SCHEME as Record<string, string>)[key]),
  );
  const problems = checkPromptOverrides(kept);
  if (problems.length) throw new ServiceError("BAD_REQUEST", `These prompts cannot be saved: ${problems.join("; ")}.`);
  await prisma.project.update({ where: { id: projectId }, data: { promptOverrides: kept as Prisma.InputJsonValue } });
  return getProjectPrompts(prisma, projectId);
}
