import type { CompiledTechniqueScript, CompiledTrigger } from "../script";
import type { RiskEvidence, RiskLevel } from "../safety";
import type { ProtocolState } from "./protocol";
import type { Disclosure } from "./disclosures";
import type { SomeoneElseState } from "./someone-else";
import type { JsonValue, LlmPort } from "../llm/port";

export type { JsonValue };

/** Bumped when the state shape changes incompatibly; older states are rejected with a clear error. */
export const STATE_VERSION = 1;

export type Language = "en" | "zh";
export type { RiskLevel };

/** One stored write of a variable: its value and where it came from (lineage). */
export interface VariableRecord {
  value: JsonValue;
  /** The action that wrote it (or "declare"/"input" for initial values). */
  source: string;
  /** The turn (number of client messages so far) it was written in. */
  turn: number;
}

export type VariableMap = Record<string, VariableRecord>;

export type ActionProgress =
  | { type: "ai_say"; round: number }
  | ({ type: "ai_ask"; round: number } & AskReplyProgress)
  | { type: "assess"; item: number; scores: (number | null)[]; unclear: number; unsure?: number; reasks?: number }
  | { type: "use_skill" };

/** How an ai_ask is handling the client's replies beyond plain answers (all optional, absent at first). */
export interface AskReplyProgress {
  /** Unsure replies so far: the first gets one clarifying re-ask, the second leaves the field unfilled. */
  unsure?: number;
  /** Re-asks so far (each worded differently from the one before). */
  reasks?: number;
  /**
   * `confirm_no`: a "no" that would end the session is being checked. `which_part`: the client said a
   * summary was wrong and is asked which part. `correct`: the part named in `correcting` is re-asked.
   */
  stage?: "confirm_no" | "which_part" | "correct";
  /** `correct` stage: the confirmed variable being re-asked. */
  correcting?: string;
  /** The summary has been corrected once; the next confirmation is the last. */
  corrected?: boolean;
  /** `which_part` stage: asked once more which part, since the first reply named none. */
  askedWhich?: boolean;
  /** Replies met with an aside (an answer to a question, the handoff text, a bridge back) so far. */
  asides?: number;
}

/** Where a script (the session, or a technique it called) is. Positions are ids, never indexes. */
export interface Frame {
  kind: "session" | "technique";
  /** session_id, or technique_id of the called technique. */
  scriptKey: string;
  phaseId: string | null;
  topicId: string | null;
  /** The current action; null before the first action of the topic. */
  actionId: string | null;
  progress: ActionProgress | null;
  /** Technique frames: the caller's use_skill action, and the technique's own scope. */
  callerActionId?: string;
  locals?: VariableMap;
  /** Set on frames a safety trigger started: what to do when they finish. */
  interrupt?: { triggerId: string; then: "resume" | "end_session" };
}

export interface MemoryEntry {
  role: "client" | "bot";
  text: string;
  turn: number;
}

export interface SessionState {
  stateVersion: typeof STATE_VERSION;
  scriptKey: string;
  /** Identifies the compiled script version the session is pinned to. */
  scriptVersion: string;
  status: "awaiting_input" | "complete";
  /** Client messages processed so far. */
  turn: number;
  language: Language;
  stack: Frame[];
  variables: { session: VariableMap; phase: VariableMap; topic: VariableMap };
  memory: { recent: MemoryEntry[]; summary: string };
  risk: {
    /** The highest level seen in this session (for review; `risk_level` in conditions). */
    level: RiskLevel;
    /** The built-in safety protocol while it runs; the script waits meanwhile. */
    protocol?: ProtocolState | null;
    /** Turn each trigger last fired, for `cooldown_turns`. */
    cooldowns?: Record<string, number>;
    /**
     * What the client has said about a plan, the means and the timing in the messages the safety
     * layer acted on (the crisis message and every reply while a protocol ran), so nothing is asked
     * twice; `disclosed_*` in conditions. The latest few are kept.
     */
    disclosures?: RecordedDisclosure[];
    /** Emergency guidance given for someone else in danger, while the reply to it is awaited (see someone-else.ts). */
    someoneElse?: SomeoneElseState | null;
  };
}

/** A disclosure and the turn (client message) it was said in. */
export type RecordedDisclosure = Disclosure & { turn: number };

export type CompleteReason =
  | "completed"
  | "acknowledged"
  | "exit"
  | "max_rounds"
  | "condition_false"
  | "skill_missing"
  | "recursion_blocked"
  /** The client skipped the question: its fields stay unset and the skip is recorded. */
  | "skipped";

/** A suggested answer to a closed question: `label` is shown, `text` is sent as the client's message. */
export interface QuickReply {
  label: string;
  text: string;
}

export type EngineEvent =
  | { type: "message-start"; actionId: string; purpose: string }
  | { type: "text-delta"; actionId: string; delta: string }
  | { type: "message-end"; actionId: string; text: string }
  | {
      type: "variable-set";
      name: string;
      value: JsonValue;
      source: string;
      scope: string;
      /** The client skipped the question: nothing was stored (value is null), the skip is recorded for review. */
      skipped?: true;
    }
  | { type: "action-complete"; actionId: string; reason: CompleteReason; unfilled?: string[] }
  | { type: "position"; phaseId: string | null; topicId: string | null; actionId: string; round: number; skill?: string }
  | {
      type: "safety";
      level: RiskLevel;
      reason: string;
      /** lexicon | llm | instrument | keyword | condition | protocol | output_guardrail */
      source?: string;
      evidence?: RiskEvidence[];
      /** What the engine did: protocol | trigger:<id> | check_in | emergency_guidance | logged | replaced */
      action?: string;
    }
  | {
      type: "awaiting-input";
      /** The answers the pending question can be given with one tap; absent for open questions. */
      options?: QuickReply[];
    }
  | { type: "session-complete" };

export interface EngineOptions {
  llm: LlmPort;
  /** Identifies the compiled version (e.g. the ScriptVersion id); a state from another is rejected. */
  scriptVersion: string;
  /** Techniques of the project by technique_id, for use_skill. */
  techniques?: Readonly<Record<string, CompiledTechniqueScript>>;
  /** Project-wide values (global scope), read-only for scripts. */
  globals?: Readonly<Record<string, JsonValue>>;
  /** Overrides the script's language (metadata.language). */
  language?: Language;
  /** Project overrides of the prompt scheme's texts. */
  promptOverrides?: Readonly<Record<string, string>>;
  /** Triggers from the project's safety files (the session script's own come first). */
  safetyTriggers?: readonly CompiledTrigger[];
  /** Extra crisis keywords (older consciousness files), added to the built-in lexicon. */
  crisisKeywords?: readonly string[];
  /** ISO country code of the client, for crisis lines. */
  region?: string;
  /**
   * `start` only: begin at the first action of this topic of the session (its phase's and its own
   * declarations apply; their entry conditions are not checked) instead of at the beginning.
   * A topic the script does not have is an EngineError (`unknown_topic`).
   */
  startTopicId?: string;
  /**
   * `start` only: values set before the first action (source "initial", turn 0), after the
   * declarations' own values, each in the scope a write of that name lands in at the start point.
   */
  initialVariables?: Readonly<Record<string, JsonValue>>;
}

export type EngineRun = AsyncGenerator<EngineEvent, SessionState, undefined>;

/** The engine was asked for something that cannot be done; nothing was changed. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly code: "state_version" | "script_version" | "script_mismatch" | "session_complete" | "not_a_session" | "unknown_topic",
  ) {
    super(message);
    this.name = "EngineError";
  }
}
