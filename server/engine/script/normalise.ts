/**
 * Normalisation: the tree as written → the canonical tree. Aliases are renamed, fields beside
 * `config` move into it, shorthands expand, unknown fields are dropped. Each change is reported
 * (hint or warning) and the canonical path is redirected to where the text really is.
 * Values of the wrong type are passed through untouched: the schema reports them next.
 */
import { CONFIG_INPUT_KEYS } from "./json-schema";
import type { Reporter } from "./report";
import {
  ACTION_TYPES,
  type ActionType,
  DeclareSchema,
  ExitCriteriaSchema,
  FIELD_ALIASES,
  InputParameterSchema,
  OutputFieldSchema,
  PhaseSchema,
  SafetyFileSchema,
  SessionFileSchema,
  SessionSchema,
  SkillInputSchema,
  SkillOutputSchema,
  TechniqueFileSchema,
  TopicSchema,
  TriggerSchema,
} from "./schema";
import { childPath } from "./source-map";
import { closest } from "./suggest";

export type ScriptKind = "session" | "technique" | "safety";

export type Obj = Record<string, unknown>;

export interface Normalised {
  kind: ScriptKind;
  file: Obj;
}

export function isObject(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const keysOf = (shape: object, ...extra: string[]): ReadonlySet<string> => new Set([...Object.keys(shape), ...extra]);

const ACTION_KEYS = new Set(["action_type", "action_id", "condition", "config"]);
const CONDITION_KEYS = new Set(["condition", "entry_condition"]);
const ROOT_KEYS = { session: "session", topic: "technique", triggers: "safety", consciousness: "safety" } as const;
const KNOWN = {
  sessionFile: keysOf(SessionFileSchema.shape),
  techniqueFile: keysOf(TechniqueFileSchema.shape),
  safetyFile: keysOf(SafetyFileSchema.shape),
  session: keysOf(SessionSchema.shape),
  phase: keysOf(PhaseSchema.shape),
  topic: keysOf(TopicSchema.shape),
  declare: keysOf(DeclareSchema.shape),
  outputField: keysOf(OutputFieldSchema.shape, "set"),
  exitCriteria: keysOf(ExitCriteriaSchema.shape),
  skillInput: keysOf(SkillInputSchema.shape),
  skillOutput: keysOf(SkillOutputSchema.shape),
  trigger: keysOf(TriggerSchema.shape),
  triggerRun: new Set(["skill", "topic"]),
  inputParameter: keysOf(InputParameterSchema.shape),
};

export function normalise(raw: unknown, report: Reporter): Normalised | undefined {
  if (raw === undefined || raw === null) {
    report.at("missing-root", "", [0, 0], "The file is empty. A script starts with `session:` (a session), `topic:` (a technique) or `triggers:` (safety rules).");
    return undefined;
  }
  if (!isObject(raw)) {
    report.value("missing-root", "", "A script must be a YAML mapping that starts with `session:`, `topic:` or `triggers:`, not a list or a single value.");
    return undefined;
  }
  const roots = Object.keys(raw).filter((key): key is keyof typeof ROOT_KEYS => Object.hasOwn(ROOT_KEYS, key));
  const kinds = [...new Set(roots.map((key) => ROOT_KEYS[key]))];
  if (Object.hasOwn(raw, "session") && Object.hasOwn(raw, "triggers") && roots.length === 2) {
    // `triggers:` beside `session:` belong to the session.
    return { kind: "session", file: new Normaliser(report).sessionFile(raw) };
  }
  if (kinds.length === 0) {
    // Point at a misspelt root key if there is one (`sesion:`), else at the first key.
    const keys = Object.keys(raw);
    const misspelt = keys.find((key) => closest(key, Object.keys(ROOT_KEYS)) !== undefined);
    const at = misspelt ?? keys[0] ?? "";
    const hint = misspelt === undefined ? "" : ` Did you mean \`${closest(misspelt, Object.keys(ROOT_KEYS))}\` instead of \`${misspelt}\`?`;
    report.key("missing-root", at, `No \`session:\`, \`topic:\` or \`triggers:\` at the top level, so this is not a script.${hint}`);
    return undefined;
  }
  if (kinds.length > 1) {
    const second = roots.find((key) => ROOT_KEYS[key] !== kinds[0]) ?? roots[1] ?? "";
    report.key("multiple-roots", second, `A file holds one kind of script: \`${roots[0]}:\` and \`${second}:\` cannot share a file. Move one into its own file.`);
    return undefined;
  }
  const normaliser = new Normaliser(report);
  switch (kinds[0]!) {
    case "session":
      return { kind: "session", file: normaliser.sessionFile(raw) };
    case "technique":
      return { kind: "technique", file: normaliser.techniqueFile(raw) };
    case "safety":
      return { kind: "safety", file: normaliser.safetyFile(raw) };
  }
}

class Normaliser {
  constructor(private readonly report: Reporter) {}

  sessionFile(raw: Obj): Obj {
    const file = this.fields(raw, "", KNOWN.sessionFile, {}, "at the top level of a session file");
    this.child(file, "", "session", (session, path) => this.session(session, path));
    this.list(file, "", "triggers", (trigger, path) => this.trigger(trigger, path));
    return file;
  }

  techniqueFile(raw: Obj): Obj {
    const file = this.fields(raw, "", KNOWN.techniqueFile, {}, "at the top level of a technique file");
    this.child(file, "", "topic", (topic, path) => this.topic(topic, path));
    this.list(file, "", "input_parameters", (parameter, path) => this.fields(parameter, path, KNOWN.inputParameter, {}, "in an input parameter"));
    return file;
  }

  safetyFile(raw: Obj): Obj {
    const file = this.fields(raw, "", KNOWN.safetyFile, {}, "at the top level of a safety file");
    this.list(file, "", "triggers", (trigger, path) => this.trigger(trigger, path));
    return file;
  }

  private session(raw: Obj, path: string): Obj {
    const session = this.fields(raw, path, KNOWN.session, {}, "in `session`");
    this.declares(session, path);
    this.list(session, path, "phases", (phase, phasePath) => {
      const normalised = this.fields(phase, phasePath, KNOWN.phase, {}, "in a phase");
      this.declares(normalised, phasePath);
      this.list(normalised, phasePath, "topics", (topic, topicPath) => this.topic(topic, topicPath));
      return normalised;
    });
    return session;
  }

  private topic(raw: Obj, path: string): Obj {
    const topic = this.fields(raw, path, KNOWN.topic, {}, "in a topic");
    this.declares(topic, path);
    this.list(topic, path, "actions", (action, actionPath) => this.action(action, actionPath));
    return topic;
  }

  private declares(parent: Obj, path: string): void {
    this.list(parent, path, "declare", (declare, declarePath) => this.fields(declare, declarePath, KNOWN.declare, FIELD_ALIASES.declare, "in a declaration"));
  }

  private trigger(raw: Obj, path: string): Obj {
    const trigger = this.fields(raw, path, KNOWN.trigger, {}, "in a trigger");
    this.child(trigger, path, "run", (run, runPath) => this.fields(run, runPath, KNOWN.triggerRun, {}, "in `run`"));
    return trigger;
  }

  private action(raw: Obj, path: string): Obj {
    const type = raw.action_type;
    const configPath = childPath(path, "config");
    if (typeof type !== "string" || !(ACTION_TYPES as readonly string[]).includes(type)) {
      // The schema reports the type; only flag fields that fit no action at all.
      const allConfigKeys = new Set(ACTION_TYPES.flatMap((t) => [...CONFIG_INPUT_KEYS[t]]));
      return this.fields(raw, path, new Set([...ACTION_KEYS, ...allConfigKeys]), {}, "in an action");
    }
    const actionType = type as ActionType;
    const configKeys = CONFIG_INPUT_KEYS[actionType];
    const action: Obj = {};
    const rawConfig = raw.config;
    const config: Obj = isObject(rawConfig) ? { ...rawConfig } : {};
    if (rawConfig === undefined || rawConfig === null) this.report.map.redirect(configPath, path);
    for (const key of Object.keys(raw)) {
      const value = raw[key];
      if (ACTION_KEYS.has(key)) {
        if (key !== "config") action[key] = key === "condition" && typeof value === "boolean" ? String(value) : value;
      } else if (configKeys.has(key)) {
        const keyPath = childPath(path, key);
        const insidePath = childPath(configPath, key);
        if (Object.hasOwn(config, key)) {
          this.report.key("conflicting-fields", keyPath, `\`${key}\` is given both inside and beside \`config\`; the one inside \`config\` is used.`);
        } else {
          config[key] = value;
          this.report.map.redirect(insidePath, keyPath);
          const aliases: Readonly<Record<string, string>> = FIELD_ALIASES[actionType];
          const canonical = Object.hasOwn(aliases, key) ? (aliases[key] ?? key) : key;
          this.report.map.redirect(childPath(configPath, canonical), keyPath);
          this.report.key(
            "field-beside-config",
            childPath(configPath, canonical),
            `\`${key}\` belongs inside \`config:\`; it is read as \`config.${canonical}\`.`,
          );
        }
      } else {
        this.unknown(childPath(path, key), key, [...ACTION_KEYS, ...configKeys], `in a ${actionType} action`, FIELD_ALIASES[actionType]);
      }
    }
    action.config = isObject(rawConfig) || rawConfig === undefined || rawConfig === null ? this.config(actionType, config, configPath) : rawConfig;
    return action;
  }

  private config(type: ActionType, raw: Obj, path: string): Obj {
    const config = this.fields(raw, path, CONFIG_INPUT_KEYS[type], FIELD_ALIASES[type], `in the config of ${type}`);
    switch (type) {
      case "ai_say":
        this.child(config, path, "exit_criteria", (criteria, criteriaPath) => {
          const normalised = this.fields(criteria, criteriaPath, KNOWN.exitCriteria, {}, "in `exit_criteria`");
          if (typeof normalised.custom_conditions === "string") normalised.custom_conditions = [normalised.custom_conditions];
          return normalised;
        });
        break;
      case "ai_ask":
        this.outputs(config, path);
        this.targetVariableShorthand(config, path);
        break;
      case "ai_think":
        this.outputVariables(config, path);
        this.outputs(config, path);
        break;
      case "use_skill":
        this.list(config, path, "input", (input, inputPath) => this.fields(input, inputPath, KNOWN.skillInput, {}, "in a skill input"));
        this.list(config, path, "output", (output, outputPath) => this.fields(output, outputPath, KNOWN.skillOutput, {}, "in a skill output"));
        break;
      case "assess":
        break;
    }
    return config;
  }

  /** `{get: x}` extracts; `{set: x, value: v}` assigns a literal. */
  private outputs(config: Obj, path: string): void {
    this.list(config, path, "output", (raw, fieldPath) => {
      const field = this.fields(raw, fieldPath, KNOWN.outputField, {}, "in an output field");
      if (field.set === undefined) return field;
      const { set, ...rest } = field;
      if (rest.get !== undefined) {
        this.report.key("conflicting-fields", childPath(fieldPath, "set"), "An output field has `get` (extract) or `set` (assign a literal), not both; `get` is used.");
        return { ...rest, mode: "extract" };
      }
      this.report.map.redirect(childPath(fieldPath, "get"), childPath(fieldPath, "set"));
      return { get: set, ...rest, mode: "assign" };
    });
  }

  /** `target_variable` + `extraction_prompt` + `required` are shorthand for one output field. */
  private targetVariableShorthand(config: Obj, path: string): void {
    const { target_variable: target, extraction_prompt: prompt } = config;
    delete config.target_variable;
    delete config.extraction_prompt;
    if (target === undefined) {
      if (prompt !== undefined) {
        this.report.key("missing-field", childPath(path, "extraction_prompt"), "`extraction_prompt` needs `target_variable`: the variable to store the answer in.");
      }
      return;
    }
    const outputs = Array.isArray(config.output) ? [...(config.output as unknown[])] : [];
    if (outputs.some((field) => isObject(field) && field.get === target)) {
      config.output = outputs;
      return;
    }
    const fieldPath = childPath(childPath(path, "output"), outputs.length);
    const field: Obj = { get: target };
    if (prompt !== undefined) field.define = prompt;
    if (config.required !== undefined) field.required = config.required;
    // The expanded field is located at the shorthand; its parts at their own keys.
    this.report.map.redirect(fieldPath, childPath(path, "target_variable"));
    this.report.map.redirect(childPath(fieldPath, "get"), childPath(path, "target_variable"));
    if (prompt !== undefined) this.report.map.redirect(childPath(fieldPath, "define"), childPath(path, "extraction_prompt"));
    if (config.required !== undefined) this.report.map.redirect(childPath(fieldPath, "required"), childPath(path, "required"));
    config.output = [...outputs, field];
  }

  /** ai_think's older `output_variables: [name]` (already renamed to `output`) → output fields. */
  private outputVariables(config: Obj, path: string): void {
    const output = config.output;
    if (!Array.isArray(output)) return;
    const outputPath = childPath(path, "output");
    config.output = output.map((item, index) => {
      if (typeof item !== "string") return item;
      this.report.map.redirect(childPath(childPath(outputPath, index), "get"), childPath(outputPath, index));
      return { get: item };
    });
  }

  /**
   * Copies the known fields of `raw`, renaming aliases (hint) and dropping unknown fields (warning).
   * Returns `raw` itself when it is not a mapping, for the schema to report.
   */
  fields(raw: unknown, path: string, known: ReadonlySet<string>, aliases: Readonly<Record<string, string>>, where: string): Obj {
    if (!isObject(raw)) return raw as Obj;
    const result: Obj = {};
    for (const key of Object.keys(raw)) {
      const value = raw[key];
      const canonical = Object.hasOwn(aliases, key) ? aliases[key] : undefined;
      if (canonical !== undefined) {
        const keyPath = childPath(path, key);
        const canonicalPath = childPath(path, canonical);
        if (Object.hasOwn(raw, canonical)) {
          this.report.key("conflicting-fields", keyPath, `\`${key}\` is the older name of \`${canonical}\`, which is also given; \`${key}\` is ignored.`);
          continue;
        }
        this.report.map.redirect(canonicalPath, keyPath);
        this.report.key("alias-field", canonicalPath, `\`${key}\` is the older name of \`${canonical}\`; it is read as \`${canonical}\`.`);
        result[canonical] = value;
      } else if (known.has(key)) {
        // `condition: false` is a YAML boolean; read it as the condition text it stands for.
        if (!Object.hasOwn(result, key)) result[key] = CONDITION_KEYS.has(key) && typeof value === "boolean" ? String(value) : value;
      } else {
        this.unknown(childPath(path, key), key, [...known, ...Object.keys(aliases)], where, aliases);
      }
    }
    return result;
  }

  private unknown(path: string, key: string, candidates: string[], where: string, aliases: Readonly<Record<string, string>> = {}): void {
    const match = closest(key, candidates);
    const canonical = match === undefined || !Object.hasOwn(aliases, match) ? undefined : aliases[match];
    // A typo closest to an older name is pointed at the current name.
    const hint =
      match === undefined ? "" : canonical === undefined ? ` Did you mean \`${match}\`?` : ` Did you mean \`${canonical}\` (\`${match}\` in older scripts)?`;
    this.report.key("unknown-field", path, `Unknown field \`${key}\` ${where}; it is ignored.${hint}`);
  }

  private child(parent: Obj, path: string, key: string, normalise: (value: Obj, path: string) => Obj): void {
    const value = parent[key];
    if (isObject(value)) parent[key] = normalise(value, childPath(path, key));
  }

  private list(parent: Obj, path: string, key: string, normalise: (value: Obj, path: string) => unknown): void {
    const value = parent[key];
    if (!Array.isArray(value)) return;
    const listPath = childPath(path, key);
    parent[key] = value.map((item: unknown, index) => (isObject(item) ? normalise(item, childPath(listPath, index)) : item));
  }
}
