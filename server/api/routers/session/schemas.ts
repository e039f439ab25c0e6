import { z } from "zod";
import { storableString } from "../../../engine/text/storable";

export const sessionIdInput = z.object({ sessionId: storableString().min(1).max(64) });

export const startInput = z.object({
  scriptId: storableString().min(1).max(64),
  language: z.enum(["en", "zh"]).optional(),
});

export const messagesInput = sessionIdInput.extend({
  /** A message's position (a Postgres integer). */
  afterSeq: z.int().min(0).max(2_147_483_647).optional(),
  limit: z.int().min(1).max(200).default(100),
});
