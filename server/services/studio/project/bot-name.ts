/** The name the counselling bot goes by in a project's chats: a project setting authors change in the studio. */
import type { PrismaClient } from "../../../db/generated/client";
import { ServiceError } from "../../errors";

/** What the bot is called where a project has not named it. */
export const DEFAULT_BOT_NAME = "Heartline";
const MAX_BOT_NAME_CHARS = 40;

export interface BotNameView {
  /** The project's own name for the bot; null when it uses the default. */
  botName: string | null;
  defaultName: string;
}

export async function getBotName(prisma: PrismaClient, projectId: string): Promise<BotNameView> {
  const project = await prisma.project.findUnique({ where: { id: projectId }, select: { botName: true } });
  if (!project) throw new ServiceError("NOT_FOUND", "This project was not found.");
  return { botName: project.botName, defaultName: DEFAULT_BOT_NAME };
}

/**
 * Names the bot (spaces around the name are dropped; an empty name goes back to the default).
 * The new name shows in every conversation of the project from its next load on, running ones too.
 */
export async function saveBotName(prisma: PrismaClient, projectId: string, name: string): Promise<BotNameView> {
  const trimmed = name.normalize("NFC").trim().replace(/\s+/g, " ");
  if (Array.from(trimmed).length > MAX_BOT_NAME_CHARS) {
    throw new ServiceError("BAD_REQUEST", `The bot's name is too long: at most ${MAX_BOT_NAME_CHARS} characters.`);
  }
  if (/[\p{Cc}\p{Cf}]/u.test(trimmed)) throw new ServiceError("BAD_REQUEST", "The bot's name holds a control or invisible character.");
  const botName = trimmed === "" || trimmed === DEFAULT_BOT_NAME ? null : trimmed;
  await prisma.project.update({ where: { id: projectId }, data: { botName } });
  return { botName, defaultName: DEFAULT_BOT_NAME };
}
