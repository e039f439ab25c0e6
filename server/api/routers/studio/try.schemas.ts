import { z } from "zod";
import { cleanString, storableString } from "../../../engine/text/storable";
import { MAX_SCRIPT_BYTES } from "../../../engine/script";
import { ID_PATTERN, VARIABLE_NAME_PATTERN } from "../../../engine/script/schema";
import { STATE_VERSION, type JsonValue } from "../../../engine/runtime/types";
import { RISK_LEVELS } from "../../../engine/safety/risk-types";
import { MAX_MESSAGE_CHARS } from "../../../services/sessions/run-turn";

/** Largest try-it state the browser may send back (JSON characters). */
export const MAX_TRY_STATE_CHARS = 256 * 1024;
/** Largest set of chosen start values (JSON characters), and how many. */
export const MAX_TRY_VARIABLES_CHARS = 64 * 1024;
export const MAX_TRY_VARIABLES = 200;

const name = storableString().max(200);
const id = storableString().max(200).regex(ID_PATTERN, "Ids are made of letters, digits and `_`.");

/** Plain JSON only (superjson could otherwise deliver Dates, Maps, undefined, ...). */
export const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([storableString(), z.number().refine(Number.isFinite), z.boolean(), z.null(), z.array(jsonValue), z.record(storableString(), jsonValue)]),
);

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** The draft: its text and, when it is a saved file, its path (its stored draft is replaced by the text). */
const draftFields = {
  yaml: storableString().max(MAX_SCRIPT_BYTES, "The draft is larger than a script may be."),
  path: storableString().min(1).max(200).optional(),
};

export const analyseInput = z.object(draftFields);

const mode = z.enum(["template", "model"]).optional();

export const tryStartInput = z.object({
  ...draftFields,
  mode,
  startTopicId: id.optional(),
  variables: z
    .record(storableString().max(100).regex(VARIABLE_NAME_PATTERN, "Variable names are letters, digits and `_`, not starting with a digit."), jsonValue)
    .refine((v) => Object.keys(v).length <= MAX_TRY_VARIABLES, `At most ${MAX_TRY_VARIABLES} start values.`)
    .refine((v) => !Object.hasOwn(v, "risk_level"), "`risk_level` is the engine's own; it cannot be set.")
    .refine((v) => jsonLength(v) <= MAX_TRY_VARIABLES_CHARS, `The start values may be at most ${MAX_TRY_VARIABLES_CHARS / 1024} KB.`)
    .optional(),
});

// --- the state the browser sends back ------------------------------------------------------------
// Checked for the shape the engine relies on (loose: unknown extra fields pass), so a tampered or
// stale state is a clear BAD_REQUEST instead of a failure deep inside a turn.

const variableRecord = z.looseObject({ value: jsonValue, source: name, turn: z.int().min(0) });
const variableMap = z.record(name, variableRecord);

const progress = z.union([
  z.looseObject({ type: z.enum(["ai_say", "ai_ask"]), round: z.int().min(0) }),
  z.looseObject({ type: z.literal("assess"), item: z.int().min(0), scores: z.array(z.int().nullable()), unclear: z.int().min(0) }),
  z.looseObject({ type: z.literal("use_skill") }),
]);

const frame = z.looseObject({
  kind: z.enum(["session", "technique"]),
  scriptKey: name,
  phaseId: name.nullable(),
  topicId: name.nullable(),
  actionId: name.nullable(),
  progress: progress.nullable(),
  callerActionId: name.optional(),
  locals: variableMap.optional(),
  interrupt: z.looseObject({ triggerId: name, then: z.enum(["resume", "end_session"]) }).optional(),
});

const protocol = z.looseObject({
  step: z.enum(["ideation", "plan", "offer_plan", "plan_section", "confirm", "confirm_again"]),
  section: z.int().min(0),
  plan: z.record(name, storableString()),
  reason: storableString(),
});

const stateShape = z.looseObject({
  stateVersion: z.literal(STATE_VERSION, `This try-it state has another format; restart the conversation.`),
  scriptKey: name,
  scriptVersion: name,
  status: z.enum(["awaiting_input", "complete"]),
  turn: z.int().min(0),
  language: z.enum(["en", "zh"]),
  stack: z.array(frame).min(1).max(32),
  variables: z.looseObject({ session: variableMap, phase: variableMap, topic: variableMap }),
  memory: z.looseObject({
    recent: z.array(z.looseObject({ role: z.enum(["client", "bot"]), text: storableString(), turn: z.int().min(0) })),
    summary: storableString(),
  }),
  risk: z.looseObject({
    level: z.enum(RISK_LEVELS),
    protocol: protocol.nullable().optional(),
    cooldowns: z.record(name, z.int()).optional(),
  }),
});

/** Size first (cheap), then shape. */
export const tryState = z
  .unknown()
  .refine((value) => jsonLength(value) <= MAX_TRY_STATE_CHARS, `The try-it state is larger than ${MAX_TRY_STATE_CHARS / 1024} KB; restart the conversation.`)
  .pipe(stateShape);

export const tryTurnInput = z.object({
  ...draftFields,
  mode,
  state: tryState,
  /** Stands for a client's message, so it is cleaned like one (never refused for a NUL or half an emoji). */
  text: cleanString()
    .max(MAX_MESSAGE_CHARS, `Messages can be at most ${MAX_MESSAGE_CHARS.toLocaleString("en")} characters.`)
    .trim()
    .min(1, "The message is empty."),
});
