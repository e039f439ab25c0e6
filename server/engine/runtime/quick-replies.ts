/**
 * Quick replies: the answers a closed question can be given with one tap. Derived from the stored
 * state and the compiled script alone, so the `awaiting-input` event and a reloaded chat page show
 * the same options. Open questions (and anything the safety protocol says) have none.
 */
import type { CompiledAction, CompiledOutputField, CompiledSessionScript, CompiledTechniqueScript, CompiledTopic } from "../script";
import { ANSWER_OPTIONS } from "../instruments";
import { findAction, findTopicInSession } from "./navigation";
import type { Frame, Language, QuickReply, SessionState } from "./types";

/** Texts the engine's own reply reading takes as a plain yes and a plain no. */
const YES_NO: Readonly<Record<Language, readonly [QuickReply, QuickReply]>> = {
  en: [
    { label: "Yes", text: "Yes" },
    { label: "No", text: "No" },
  ],
  zh: [
    { label: "是的", text: "是的" },
    { label: "不是", text: "不是" },
  ],
};

/** An enum value made readable: "anxiety_or_worry" → "Anxiety or worry". */
export function readableValue(value: string | number | boolean): string {
  const words = String(value).replace(/[_\s]+/g, " ").trim();
  return words.charAt(0).toLocaleUpperCase("en") + words.slice(1);
}

function topicOf(frame: Frame, script: CompiledSessionScript, techniques: Readonly<Record<string, CompiledTechniqueScript>> | undefined): CompiledTopic | undefined {
  if (!frame.topicId) return undefined;
  if (frame.kind === "technique") {
    const topic = techniques?.[frame.scriptKey]?.technique.topic;
    return topic?.topic_id === frame.topicId ? topic : undefined;
  }
  return findTopicInSession(script, frame.topicId)?.topic;
}

function askOptions(fields: readonly CompiledOutputField[], language: Language): QuickReply[] {
  const extracted = fields.filter((field) => field.mode === "extract");
  const [field] = extracted;
  if (extracted.length !== 1 || !field) return [];
  // An `explicit` yes/no (am I safe, will I reach out) asks for the client's own words, never a tap.
  if (field.type === "boolean") return field.explicit ? [] : YES_NO[language].map((option) => ({ ...option }));
  if (field.type === "enum" && field.values) {
    return field.values.flatMap((value) => {
      if (value === null) return [];
      const label = readableValue(value);
      return label ? [{ label, text: label }] : [];
    });
  }
  return [];
}

function optionsFor(action: CompiledAction, frame: Frame, language: Language): QuickReply[] {
  if (action.action_type === "ai_ask" && frame.progress?.type === "ai_ask") {
    // While a confirmation asks which part was wrong, or re-asks that part, the question is another one.
    const stage: unknown = (frame.progress as { stage?: unknown }).stage;
    if (stage === "which_part" || stage === "correct") return [];
    return askOptions(action.config.output, language);
  }
  if (action.action_type === "assess" && frame.progress?.type === "assess") {
    return ANSWER_OPTIONS.map((option) => ({ label: option.label[language], text: option.label[language] }));
  }
  return [];
}

/**
 * The quick replies for the question the session is waiting on: [] when it waits on an open
 * question, on the safety protocol, or on nothing. `techniques` are the ones the session runs with
 * (a question asked inside a technique is found there).
 */
export function pendingQuickReplies(
  script: CompiledSessionScript,
  state: SessionState,
  techniques?: Readonly<Record<string, CompiledTechniqueScript>>,
): QuickReply[] {
  if (state.status !== "awaiting_input" || state.risk.protocol) return [];
  const frame = state.stack.at(-1);
  if (!frame?.actionId || !frame.progress) return [];
  const topic = topicOf(frame, script, techniques);
  const action = topic ? findAction(topic, frame.actionId) : undefined;
  return action ? optionsFor(action, frame, state.language) : [];
}
