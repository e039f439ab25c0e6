/**
 * Input schemas (what an author may write, aliases and older layouts included) derived from the
 * canonical schemas, and the JSON Schema generated from them for the editor.
 */
import { z } from "zod";
import {
  AiAskConfigSchema,
  AiSayConfigSchema,
  AiThinkConfigSchema,
  AssessConfigSchema,
  DeclareSchema,
  ExitCriteriaSchema,
  OutputFieldSchema,
  PhaseSchema,
  SafetyFileSchema,
  SessionFileSchema,
  SessionSchema,
  TechniqueFileSchema,
  TopicSchema,
  UseSkillConfigSchema,
  VARIABLE_NAME_PATTERN,
  type ActionType,
} from "./schema";

function alias(canonical: string, schema: z.ZodType): z.ZodType {
  return schema.optional().meta({ description: `Older name for \`${canonical}\`; read as \`${canonical}\`.`, deprecated: true });
}

function descriptionOf(schema: z.ZodType): string | undefined {
  const own = schema.meta()?.description;
  if (typeof own === "string") return own;
  const def: object = schema.def;
  return "innerType" in def && def.innerType instanceof z.ZodType ? descriptionOf(def.innerType) : undefined;
}

const VariableName = z.string().regex(VARIABLE_NAME_PATTERN);

const DeclareInput = DeclareSchema.extend({
  var: DeclareSchema.shape.var.optional(),
  name: alias("var", VariableName),
});

const OutputFieldInput = OutputFieldSchema.omit({ mode: true }).extend({
  get: OutputFieldSchema.shape.get.optional(),
  set: VariableName.meta({ description: "Assign the literal `value` to this variable instead of extracting one." }).optional(),
});

const ExitCriteriaInput = ExitCriteriaSchema.extend({
  custom_conditions: z
    .union([z.string(), z.array(z.string())])
    .meta({ description: "Stop when any of these conditions holds (one condition or a list)." })
    .optional(),
});

const CONFIG_INPUTS = {
  ai_say: AiSayConfigSchema.extend({
    content: AiSayConfigSchema.shape.content.optional(),
    content_template: alias("content", z.string()),
    exit_criteria: ExitCriteriaInput.optional(),
  }),
  ai_ask: AiAskConfigSchema.extend({
    content: AiAskConfigSchema.shape.content.optional(),
    question_template: alias("content", z.string()),
    prompt_template: alias("content", z.string()),
    output: z.array(OutputFieldInput).optional(),
    target_variable: VariableName.meta({ description: "Shorthand for one output field: the variable to extract." }).optional(),
    extract_to: alias("target_variable", VariableName),
    extraction_prompt: z.string().meta({ description: "Shorthand for one output field: what to extract (its `define`)." }).optional(),
  }),
  ai_think: AiThinkConfigSchema.extend({
    content: AiThinkConfigSchema.shape.content.optional(),
    think_goal: alias("content", z.string()),
    prompt_template: alias("content", z.string()),
    output: z.array(OutputFieldInput).optional(),
    output_variables: alias("output", z.array(VariableName)),
  }),
  use_skill: UseSkillConfigSchema.extend({
    skill: UseSkillConfigSchema.shape.skill.optional(),
    skill_id: alias("skill", z.string()),
  }),
  assess: AssessConfigSchema,
} satisfies Record<ActionType, z.ZodObject>;

/** Every field name accepted inside the `config` of each action type (canonical, aliases, shorthands). */
export const CONFIG_INPUT_KEYS: Record<ActionType, ReadonlySet<string>> = {
  ai_say: new Set(Object.keys(CONFIG_INPUTS.ai_say.shape)),
  ai_ask: new Set(Object.keys(CONFIG_INPUTS.ai_ask.shape)),
  ai_think: new Set(Object.keys(CONFIG_INPUTS.ai_think.shape)),
  use_skill: new Set(Object.keys(CONFIG_INPUTS.use_skill.shape)),
  assess: new Set(Object.keys(CONFIG_INPUTS.assess.shape)),
};

/** An action as written: `config`, or (older scripts) the same fields beside it. */
function actionInput(type: ActionType) {
  const config = CONFIG_INPUTS[type];
  const beside: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(config.shape) as [string, z.ZodType][]) {
    beside[key] = schema.optional().meta({
      description: `${descriptionOf(schema) ?? key} Belongs inside \`config\`; accepted here for older scripts.`,
      deprecated: true,
    });
  }
  return z
    .strictObject({
      ...beside,
      action_type: z.literal(type),
      action_id: z.string().regex(/^[A-Za-z0-9_]+$/).meta({ description: "Unique id of the action in the whole script." }),
      condition: z.string().meta({ description: "The action is skipped when this condition is false." }).optional(),
      config: config.optional(),
    })
    .meta({ description: descriptionOf(config) ?? type });
}

const ActionInput = z.discriminatedUnion("action_type", [
  actionInput("ai_say").meta({ description: "ai_say: tell the client something." }),
  actionInput("ai_ask").meta({ description: "ai_ask: ask, and extract variables from the replies." }),
  actionInput("ai_think").meta({ description: "ai_think: reason silently; no message reaches the client." }),
  actionInput("use_skill").meta({ description: "use_skill: run a technique as a sub-conversation." }),
  actionInput("assess").meta({ description: "assess: run PHQ-9, GAD-7, PHQ-2 or GAD-2 item by item." }),
]);

const Declares = z.array(DeclareInput).optional();
const TopicInput = TopicSchema.extend({ declare: Declares, actions: z.array(ActionInput).min(1) });
const PhaseInput = PhaseSchema.extend({ declare: Declares, topics: z.array(TopicInput).min(1) });
const SessionInput = SessionSchema.extend({ declare: Declares, phases: z.array(PhaseInput).min(1) });

export const ScriptFileInputSchema = z
  .union([
    SessionFileSchema.extend({ session: SessionInput }).meta({ title: "Session script" }),
    TechniqueFileSchema.extend({ topic: TopicInput }).meta({ title: "Technique (skill)" }),
    SafetyFileSchema.meta({ title: "Safety and monitor rules" }),
  ])
  .meta({
    title: "Heartline counselling script",
    description: "A session (`session:`), a technique (`topic:`) or safety rules (`triggers:` / `consciousness:`), with optional `metadata:`.",
  });

let cached: object | undefined;

/** The JSON Schema (draft 2020-12) of script files as authors write them, for editor completion and hover. */
export function scriptJsonSchema(): object {
  cached ??= z.toJSONSchema(ScriptFileInputSchema, { io: "input", target: "draft-2020-12", cycles: "ref", reused: "inline", unrepresentable: "any" });
  return structuredClone(cached);
}
