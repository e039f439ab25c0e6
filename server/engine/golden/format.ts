/**
 * Golden conversations: a conversation as data, like Rasa's end-to-end tests. Each step is one
 * client message (the first step may have none: what the bot says when the session starts) and
 * what must be true after it.
 *
 * ```yaml
 * script: sessions/check-in.en.yaml          # relative to the scripts folder
 * conversations:
 *   - name: a calm week
 *     steps:
 *       - bot: ["Welcome back"]               # substrings of this step's bot messages, in order
 *       - client: "7"
 *         variables: { mood_score: 7 }         # values set by now
 *         reached: ask_mood_word               # an action this step reached
 *     complete: true                           # the session ended after the last step
 * ```
 *
 * A conversation may also say `project_triggers: false` (run without the project's safety files,
 * so the engine's built-in protocol handles a crisis) and `no_repeated_questions: true` (the safety
 * protocol — built-in, or a technique a safety trigger runs — never asks the same question twice).
 * `variables` may name the engine's own (`risk_level`, `disclosed_plan`, `disclosed_means`,
 * `disclosed_timing`, `disclosed_when`); `safety` is the session's risk level after the step, and
 * `safety_action` what a safety event of the step did (`protocol`, `check_in`, `emergency_guidance`).
 */
import { z } from "zod";
import { RISK_LEVELS } from "../safety/risk-types";

const Json: z.ZodType<unknown> = z.unknown();

export const GoldenStepSchema = z.strictObject({
  client: z.string().optional(),
  bot: z.union([z.string(), z.array(z.string())]).optional(),
  bot_not: z.array(z.string()).optional(),
  variables: z.record(z.string(), Json).optional(),
  unset: z.array(z.string()).optional(),
  reached: z.union([z.string(), z.array(z.string())]).optional(),
  unfilled: z.array(z.string()).optional(),
  safety: z.enum(RISK_LEVELS).optional(),
  /** A safety event of this step took this action (protocol, check_in, emergency_guidance, trigger:<id>, …). */
  safety_action: z.string().optional(),
  messages: z.int().min(0).optional(),
});

export const GoldenConversationSchema = z.strictObject({
  name: z.string(),
  language: z.enum(["en", "zh"]).optional(),
  project_triggers: z.boolean().optional(),
  no_repeated_questions: z.boolean().optional(),
  steps: z.array(GoldenStepSchema).min(1),
  complete: z.boolean().optional(),
  variables: z.record(z.string(), Json).optional(),
});

export const GoldenFileSchema = z.strictObject({
  script: z.string(),
  description: z.string().optional(),
  conversations: z.array(GoldenConversationSchema).min(1),
});

export type GoldenStep = z.infer<typeof GoldenStepSchema>;
export type GoldenConversation = z.infer<typeof GoldenConversationSchema>;
