/**
 * The script format as zod schemas: the single source of truth.
 *
 * Canonical schemas describe a script after normalisation (aliases renamed, fields moved into
 * `config`, shorthands expanded); they validate the normalised tree, fill defaults, and give the
 * TypeScript types. Input schemas describe what an author may write (aliases included) and feed
 * the JSON Schema that the editor uses for completion and hover docs. Input schemas are derived
 * from the canonical ones plus the alias table below, so the two cannot drift apart.
 */
import { z } from "zod";
import { VARIABLE_NAME_PATTERN } from "./names";

// ---------------------------------------------------------------- building blocks

export const ID_PATTERN = /^[A-Za-z0-9_]+$/;
export { VARIABLE_NAME_PATTERN };

const Id = (what: string, example: string) =>
  z.string().regex(ID_PATTERN).meta({ description: `${what}: letters, digits and \`_\`.`, examples: [example] });

const VariableName = z
  .string()
  .regex(VARIABLE_NAME_PATTERN)
  .meta({
    description: "A variable name: letters (any script, e.g. Chinese), digits and `_`, not starting with a digit (a Unicode identifier).",
    examples: ["user_name", "用户称呼"],
  });

const Text = (description: string, examples?: string[]) => z.string().meta(examples ? { description, examples } : { description });

const Condition = (description: string) =>
  z.string().meta({
    description: `${description} Expression: comparisons (== != < <= > >=), and/or/not (&& || !), in [..], contains, 'text', numbers, true/false, variable names or \${name}.`,
    examples: ["risk_level != 'high'", "mood_score >= 5 and wants_homework"],
  });

const JsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
const JsonValue: z.ZodType<JsonValue> = z.lazy(() => z.union([JsonScalar, z.array(JsonValue), z.record(z.string(), JsonValue)]));

export const VARIABLE_TYPES = ["text", "number", "boolean", "list", "enum", "object"] as const;
export const EXTRACTION_METHODS = ["llm", "direct", "pattern"] as const;
export const INSTRUMENTS = ["phq9", "gad7", "phq2", "gad2"] as const;
export const ACTION_TYPES = ["ai_say", "ai_ask", "ai_think", "use_skill", "assess"] as const;
export const TRIGGER_EVENTS = ["risk_high", "risk_medium", "keyword", "condition"] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

const VariableType = z.enum(VARIABLE_TYPES).meta({ description: "The value's type; extraction coerces to it." });

// ---------------------------------------------------------------- canonical schemas

export const DeclareSchema = z
  .strictObject({
    var: VariableName,
    type: VariableType.default("text"),
    define: Text("What the variable holds, in words; guides extraction.", ["what the client wants to be called"]).optional(),
    value: JsonValue.meta({ description: "Initial value." }).optional(),
    values: z.array(JsonScalar).meta({ description: "Allowed values for `type: enum`." }).optional(),
  })
  .meta({ description: "A variable declaration; the level it is declared at (session, phase, topic) is its scope." });

export const OutputFieldSchema = z
  .strictObject({
    get: VariableName.meta({ description: "Variable to store the result in." }),
    mode: z.enum(["extract", "assign"]).default("extract").meta({ description: "`extract` from the replies, or `assign` the literal `value`." }),
    define: Text("What to extract, in words.", ["the client's main worry, in their own words"]).optional(),
    type: VariableType.default("text"),
    values: z.array(JsonScalar).meta({ description: "Allowed values for `type: enum`." }).optional(),
    extraction_method: z
      .enum(EXTRACTION_METHODS)
      .default("llm")
      .meta({ description: "`llm`: structured model output; `direct`: the whole reply, coerced; `pattern`: first capture group of `pattern`." }),
    pattern: Text("Regular expression for `extraction_method: pattern`; the first capture group is the value.", ["(\\d+)"]).optional(),
    required: z.boolean().default(true).meta({ description: "The action keeps asking (within max_rounds) until this field has a value." }),
    explicit: z
      .boolean()
      .meta({
        description:
          "For `type: boolean`: only a clear, specific answer counts (\"yes\", \"I'm safe\", \"I will\", \"no\"); a bare \"ok\", \"fine\", \"I'm fine\" or \"我没事\" leaves the field unset.",
      })
      .optional(),
    value: JsonValue.meta({ description: "Literal value (with `set`), or the fallback when no model is available." }).optional(),
  })
  .meta({ description: "A variable to extract from the client's replies (or to assign)." });

export const ExitCriteriaSchema = z
  .strictObject({
    understanding_threshold: z.number().min(0).max(100).meta({ description: "Stop once the client's understanding is judged at least this (0–100)." }).optional(),
    has_questions: z.boolean().meta({ description: "Stop only when the client has (true) or has no (false) questions." }).optional(),
    min_rounds: z.int().min(1).max(10).meta({ description: "Never stop before this many rounds." }).optional(),
    custom_conditions: z.array(Condition("Stop when this condition holds.")).optional(),
  })
  .meta({ description: "Structured early exit for a multi-round ai_say." });

const MaxRounds = (fallback: number, description: string) => z.int().min(1).max(10).default(fallback).meta({ description });

export const AiSayConfigSchema = z.strictObject({
  content: Text("What to convey to the client; placeholders such as ${user_name} allowed.", ["Welcome, ${user_name}. Today we will look at how thoughts shape feelings."]),
  say_goal: Text("Why this is said; guidance for the model.").optional(),
  tone: Text("How to say it.", ["warm, professional"]).default("warm, professional"),
  max_rounds: MaxRounds(1, "Rounds of explanation and discussion (1–10)."),
  exit: Text("Natural-language condition to stop early (judged by the model).", ["the client says they understand"]).optional(),
  exit_criteria: ExitCriteriaSchema.optional(),
  require_acknowledgment: z.boolean().default(false).meta({ description: "Wait for any client reply before moving on." }),
});

export const AiAskConfigSchema = z.strictObject({
  content: Text("What to ask; placeholders allowed.", ["What would you like me to call you?"]),
  tone: Text("How to ask.", ["gentle, empathic"]).default("gentle, empathic"),
  output: z.array(OutputFieldSchema).default([]).meta({ description: "Variables to extract from the replies." }),
  required: z.boolean().default(true).meta({ description: "With the `target_variable` shorthand: keep asking (within max_rounds) until extracted." }),
  exit: Text("Condition to stop asking (judged by the model).").default("the client has answered"),
  max_rounds: MaxRounds(3, "At most this many questions (1–10)."),
  rephrase: Text(
    "The question in other words, asked once when the answer was unclear instead of repeating it; then the action moves on (at most two questions).",
    ["I'd like to be sure: right now, are you somewhere safe?"],
  ).optional(),
  confirms: z
    .array(VariableName)
    .meta({
      description:
        "The variables this question reads back for the client to confirm (a summary). On a no or a correction only the part that was wrong is asked again, stored (lineage keeps both values) and confirmed once more.",
      examples: [["main_concern", "client_goals"]],
    })
    .optional(),
  confirm_no: Text(
    "Asked before a \"no\" to this yes/no question is taken, when that no ends the session (a consent question). A yes to it keeps the no; a no to it is a yes to the question.",
    ["Just to check: would you like to stop here for today?"],
  ).optional(),
  hint: Text("What the question means, in words for the client: said when they ask what it means, before the question again.", [
    "what you would like to be different in your life, in your own words",
  ]).optional(),
});

export const AiThinkConfigSchema = z.strictObject({
  content: Text("The reasoning task; no message reaches the client.", ["Judge how ready the client is for homework."]),
  input_variables: z.array(VariableName).meta({ description: "Variables given to the model (default: all set ones)." }).optional(),
  output: z.array(OutputFieldSchema).default([]).meta({ description: "Structured results to store." }),
});

export const SkillInputSchema = z
  .strictObject({
    set: VariableName.meta({ description: "Parameter of the technique." }),
    value: JsonValue.meta({ description: "`${var}` or a literal.", examples: ["${user_name}"] }),
  })
  .meta({ description: "A parameter passed to the technique." });

export const SkillOutputSchema = z
  .strictObject({
    get: VariableName.meta({ description: "Variable of the caller to store the result in." }),
    from: VariableName.meta({ description: "The technique's output variable (default: same as `get`)." }).optional(),
  })
  .meta({ description: "A result copied back from the technique." });

export const UseSkillConfigSchema = z.strictObject({
  skill: Id("`technique_id` of a technique in the same project", "socratic_questioning"),
  input: z.array(SkillInputSchema).default([]),
  output: z.array(SkillOutputSchema).default([]),
});

export const AssessConfigSchema = z.strictObject({
  instrument: z.enum(INSTRUMENTS).meta({ description: "Standard questionnaire: PHQ-9, GAD-7, PHQ-2 or GAD-2." }),
  output_prefix: VariableName.meta({ description: "Prefix of the stored variables <prefix>_items, <prefix>_total, <prefix>_band (default: the instrument)." }).optional(),
});

const ACTION_DESCRIPTIONS: Record<ActionType, string> = {
  ai_say: "Tell the client something.",
  ai_ask: "Ask, and extract variables from the replies.",
  ai_think: "Reason silently; no message reaches the client.",
  use_skill: "Run a technique (skill) as a sub-conversation.",
  assess: "Run a standard instrument (PHQ-9, GAD-7, PHQ-2, GAD-2) item by item.",
};

const actionBase = {
  action_id: Id("Unique id of the action in the whole script", "ask_name"),
  condition: Condition("The action is skipped when this is false.").optional(),
};

function actionSchema<T extends ActionType, C extends z.ZodType>(type: T, config: C) {
  return z
    .strictObject({ action_type: z.literal(type).meta({ description: ACTION_DESCRIPTIONS[type] }), ...actionBase, config })
    .meta({ description: ACTION_DESCRIPTIONS[type] });
}

export const ActionSchema = z.discriminatedUnion("action_type", [
  actionSchema("ai_say", AiSayConfigSchema),
  actionSchema("ai_ask", AiAskConfigSchema),
  actionSchema("ai_think", AiThinkConfigSchema),
  actionSchema("use_skill", UseSkillConfigSchema),
  actionSchema("assess", AssessConfigSchema),
]);

const Declares = z.array(DeclareSchema).default([]).meta({ description: "Variables scoped to this level." });

export const TopicSchema = z
  .strictObject({
    topic_id: Id("Unique id of the topic in the script", "welcome"),
    topic_name: Text("Display name.").optional(),
    topic_goal: Text("What the topic should achieve; guidance for the model.").optional(),
    strategy: Text("Free guidance for the model.").optional(),
    description: Text("Free description.").optional(),
    entry_condition: Condition("The topic is skipped when this is false.").optional(),
    declare: Declares,
    actions: z.array(ActionSchema).min(1).meta({ description: "What happens, in order; at least one." }),
  })
  .meta({ description: "A topic: a run of actions with one goal." });

export const PhaseSchema = z
  .strictObject({
    phase_id: Id("Unique id of the phase in the script", "rapport"),
    phase_name: Text("Display name.").optional(),
    phase_goal: Text("What the phase should achieve; guidance for the model.").optional(),
    description: Text("Free description.").optional(),
    entry_condition: Condition("The phase is skipped when this is false.").optional(),
    declare: Declares,
    topics: z.array(TopicSchema).min(1).meta({ description: "Topics, in order; at least one." }),
  })
  .meta({ description: "A phase of the conversation." });

export const SessionSchema = z
  .strictObject({
    session_id: Id("Unique id of the session script", "cbt_first_assessment"),
    session_name: Text("Display name.").optional(),
    description: Text("Free description.").optional(),
    template_scheme: Text("Prompt scheme to use (falls back to `default`).", ["default"]).optional(),
    declare: Declares,
    phases: z.array(PhaseSchema).min(1).meta({ description: "Phases, in order; at least one." }),
  })
  .meta({ description: "A whole conversation: phases → topics → actions." });

export const TriggerSchema = z
  .strictObject({
    trigger_id: Id("Unique id of the trigger", "crisis"),
    on: z.enum(TRIGGER_EVENTS).meta({ description: "What fires the trigger." }),
    keywords: z.array(z.string()).meta({ description: "Words that fire the trigger (for `on: keyword`)." }).optional(),
    condition: Condition("Fires when this holds (for `on: condition`).").optional(),
    run: z
      .strictObject({
        skill: Id("Technique to run", "crisis_support").optional(),
        topic: Id("Topic of this script to run", "safety_check").optional(),
      })
      .meta({ description: "What to run: `{skill: technique_id}` or `{topic: topic_id}`." }),
    then: z.enum(["resume", "end_session"]).default("resume").meta({ description: "After the run: resume the script or end the session." }),
    resume_when: Condition(
      "With `then: resume`: checked in the run's scope when it ends; while false, the script does not resume yet and the engine's own safety check stays with the client until they have clearly said twice that they are safe.",
    ).optional(),
    cooldown_turns: z.int().min(0).meta({ description: "Turns before the trigger may fire again." }).optional(),
  })
  .meta({ description: "A safety or monitor rule that interrupts the script." });

export const MetadataSchema = z
  .looseObject({
    name: Text("Display name of the script.").optional(),
    version: z.union([z.string(), z.number()]).meta({ description: "Version of the script." }).optional(),
    author: Text("Author.").optional(),
    description: Text("What the script is for.").optional(),
    language: Text("Language code of the script's text.", ["en", "zh"]).optional(),
    client_description: z
      .union([
        z.string().min(1),
        // Language tags as keys are checked in client-facing.ts, which can name the key.
        z.record(z.string(), z.string().min(1)),
      ])
      .meta({
        description:
          "What this conversation offers, written for the client who chooses it (shown on its card). A text in the script's language, or one text per language tag (`en: …`, `zh-CN: …`).",
        examples: ["A short weekly check-in: how your mood has been, and one small step for the coming week."],
      })
      .optional(),
  })
  .meta({ description: "Free information about the script." });

export const InputParameterSchema = z
  .strictObject({
    name: VariableName.meta({ description: "Parameter name; visible as a variable inside the technique." }),
    description: Text("What the caller should pass.").optional(),
    required: z.boolean().default(false).meta({ description: "The caller must pass it." }),
  })
  .meta({ description: "A parameter of the technique." });

export const ConsciousnessSchema = z
  .record(z.string(), z.unknown())
  .meta({ description: "Older safety format: `safety_baseline.keyword_check.crisis_keywords` join the crisis lexicon; the rest is not used yet." });

export const SessionFileSchema = z.strictObject({
  metadata: MetadataSchema.optional(),
  session: SessionSchema,
  triggers: z.array(TriggerSchema).default([]).meta({ description: "Safety and monitor rules of this session." }),
});

export const TechniqueFileSchema = z.strictObject({
  metadata: MetadataSchema.optional(),
  technique_id: Id("Id other scripts use in `use_skill` (default: the topic_id)", "socratic_questioning").optional(),
  name: Text("Display name of the technique.").optional(),
  description: Text("What the technique does.").optional(),
  input_parameters: z.array(InputParameterSchema).default([]),
  output_variables: z.array(VariableName).default([]).meta({ description: "Variables the technique returns to its caller." }),
  topic: TopicSchema,
});

export const SafetyFileSchema = z.strictObject({
  metadata: MetadataSchema.optional(),
  triggers: z.array(TriggerSchema).default([]).meta({ description: "Safety and monitor rules." }),
  consciousness: ConsciousnessSchema.optional(),
});

// ---------------------------------------------------------------- canonical types

export type Declare = z.output<typeof DeclareSchema>;
export type OutputField = z.output<typeof OutputFieldSchema>;
export type ExitCriteria = z.output<typeof ExitCriteriaSchema>;
export type AiSayConfig = z.output<typeof AiSayConfigSchema>;
export type AiAskConfig = z.output<typeof AiAskConfigSchema>;
export type AiThinkConfig = z.output<typeof AiThinkConfigSchema>;
export type UseSkillConfig = z.output<typeof UseSkillConfigSchema>;
export type AssessConfig = z.output<typeof AssessConfigSchema>;
export type Action = z.output<typeof ActionSchema>;
export type Topic = z.output<typeof TopicSchema>;
export type Phase = z.output<typeof PhaseSchema>;
export type Session = z.output<typeof SessionSchema>;
export type Trigger = z.output<typeof TriggerSchema>;
export type Metadata = z.output<typeof MetadataSchema>;
export type InputParameter = z.output<typeof InputParameterSchema>;
export type SessionFile = z.output<typeof SessionFileSchema>;
export type TechniqueFile = z.output<typeof TechniqueFileSchema>;
export type SafetyFile = z.output<typeof SafetyFileSchema>;

// ---------------------------------------------------------------- aliases (input only)

/** Older names accepted on input, per construct: alias → canonical field. */
export const FIELD_ALIASES = {
  ai_say: { content_template: "content" },
  ai_ask: { question_template: "content", prompt_template: "content", extract_to: "target_variable" },
  ai_think: { think_goal: "content", prompt_template: "content", output_variables: "output" },
  use_skill: { skill_id: "skill" },
  assess: {},
  declare: { name: "var" },
} as const satisfies Record<string, Record<string, string>>;
