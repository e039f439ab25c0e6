/**
 * The compiled script: plain JSON, stored with each published version and run by the engine.
 * It is the canonical tree (aliases resolved, defaults filled, shorthands expanded) with
 * conditions pre-parsed and the source range of every node.
 */
import type { ConditionNode } from "../conditions";
import type {
  AiAskConfig,
  AiSayConfig,
  AiThinkConfig,
  AssessConfig,
  Declare,
  ExitCriteria,
  InputParameter,
  Metadata,
  OutputField,
  Topic,
  Phase,
  Session,
  Trigger,
  UseSkillConfig,
} from "./schema";
import type { SourceRange } from "./source-map";

/** Bumped when the compiled shape changes incompatibly. */
export const COMPILED_FORMAT_VERSION = 1;

export interface CompiledCondition {
  /** The condition as written. */
  text: string;
  ast: ConditionNode;
  range: SourceRange;
}

interface Ranged {
  range: SourceRange;
}

export type CompiledDeclare = Declare & Ranged;
export type CompiledOutputField = OutputField & Ranged;

export type CompiledAiSayConfig = Omit<AiSayConfig, "exit_criteria"> & {
  exit_criteria?: Omit<ExitCriteria, "custom_conditions"> & { custom_conditions?: CompiledCondition[] };
};
export type CompiledAiAskConfig = Omit<AiAskConfig, "output"> & { output: CompiledOutputField[] };
export type CompiledAiThinkConfig = Omit<AiThinkConfig, "output"> & { output: CompiledOutputField[] };
export type CompiledUseSkillConfig = Omit<UseSkillConfig, "output"> & { output: { get: string; from: string }[] };
export type CompiledAssessConfig = Required<AssessConfig>;

interface ActionOf<T extends string, C> extends Ranged {
  action_type: T;
  action_id: string;
  condition?: CompiledCondition;
  config: C;
}

export type CompiledAction =
  | ActionOf<"ai_say", CompiledAiSayConfig>
  | ActionOf<"ai_ask", CompiledAiAskConfig>
  | ActionOf<"ai_think", CompiledAiThinkConfig>
  | ActionOf<"use_skill", CompiledUseSkillConfig>
  | ActionOf<"assess", CompiledAssessConfig>;

export type CompiledTopic = Omit<Topic, "entry_condition" | "declare" | "actions"> &
  Ranged & { entry_condition?: CompiledCondition; declare: CompiledDeclare[]; actions: CompiledAction[] };

export type CompiledPhase = Omit<Phase, "entry_condition" | "declare" | "topics"> &
  Ranged & { entry_condition?: CompiledCondition; declare: CompiledDeclare[]; topics: CompiledTopic[] };

export type CompiledSession = Omit<Session, "declare" | "phases"> & Ranged & { declare: CompiledDeclare[]; phases: CompiledPhase[] };

export type CompiledTrigger = Omit<Trigger, "condition" | "resume_when"> & Ranged & { condition?: CompiledCondition; resume_when?: CompiledCondition };

interface CompiledBase {
  formatVersion: typeof COMPILED_FORMAT_VERSION;
  /** session_id, technique_id, or the safety file's name. */
  key: string;
  metadata: Metadata;
}

export interface CompiledSessionScript extends CompiledBase {
  kind: "session";
  session: CompiledSession;
  triggers: CompiledTrigger[];
}

export interface CompiledTechniqueScript extends CompiledBase {
  kind: "technique";
  technique: {
    technique_id: string;
    name?: string;
    description?: string;
    input_parameters: (InputParameter & Ranged)[];
    output_variables: string[];
    topic: CompiledTopic;
  };
}

export interface CompiledSafetyScript extends CompiledBase {
  kind: "safety";
  triggers: CompiledTrigger[];
  /** From an older `consciousness:` file; they join the built-in crisis lexicon. */
  crisis_keywords: string[];
}

export type CompiledScript = CompiledSessionScript | CompiledTechniqueScript | CompiledSafetyScript;
