import { z } from "zod";
import { storableString } from "../../../engine/text/storable";

export const sessionIdInput = z.object({ sessionId: storableString().min(1).max(64) });

export const startInput = z.object({
  scriptId: storableString().min(1).max(64),
  language: z.enum(["en", "zh"]).optional(),
});

export const messagesInput = sessionIdInput.extend({
  afterSeq: z.int().min(0).optional(),
  limit: z.int().min(1).max(200).default(100),
});
