/**
 * Checks that need the whole script: unique ids, variables used before they exist, conditions,
 * techniques, triggers and unreachable content. Runs on the normalised tree even when the schema
 * found errors, so every problem is reported at once; it never assumes a value has the right type.
 */
import { type ConditionNode, constantTruth, parseCondition } from "../conditions";
import type { Normalised, Obj } from "./normalise";
import { isObject } from "./normalise";
import { findPlaceholders } from "./placeholders";
import { placementOf } from "./render-value";
import type { Reporter } from "./report";
import { childPath } from "./source-map";
import { didYouMean } from "./suggest";

/** Config fields whose text may hold placeholders. */
const PLACEHOLDER_FIELDS = ["content", "tone", "say_goal", "exit", "rephrase", "confirm_no", "hint"];

/** ai_say / ai_ask fields whose text the client reads (in template mode, word for word). */
const CLIENT_TEXT_FIELDS = ["content", "rephrase"];

/** A name or form of address: short by nature, and a fallback would not read better. */
const NAME_LIKE = /name|called|名字|称呼|姓名|用户名|昵称/iu;

/** Who a model is told to talk to, in English and Chinese. */
const EN_ADDRESSEE = String.raw`(?:the\s+)?(?:client|user|patient|person|counsellee|counselee|them|him|her)\b`;
const ZH_ADDRESSEE = "(?:来访者|用户|客户|咨询者|当事人|对方|患者)";
/** `content` that tells a model what to do instead of saying it: "Ask the client how…", "向来访者询问…". */
const INSTRUCTION_TO_MODEL: readonly RegExp[] = [
  new RegExp(
    String.raw`^(?:please\s+)?(?:ask|tell|explain\s+to|remind|inform|encourage|invite|prompt|guide|help|greet|thank|reassure|let|get)\s+${EN_ADDRESSEE}`,
    "i",
  ),
  new RegExp(String.raw`^(?:please\s+)?(?:explain|describe|say|mention|check|find\s+out|explore|assess|summari[sz]e|reflect)\b[^.?!]*\b(?:to|with|for|whether|if|how|what)\s+${EN_ADDRESSEE}`, "i"),
  new RegExp(String.raw`^(?:请你?)?(?:(?:向|跟|对|和|给|与)${ZH_ADDRESSEE}(?:询问|提问|问|说明|解释|介绍|说|表达|确认)|(?:询问|问问|问一下|告诉|告知|提醒|引导|鼓励|邀请|解释|说明|帮助|安慰|肯定|确认)(?:一下)?${ZH_ADDRESSEE})`, "u"),
];

/** Variables the engine itself provides to every script. */
export const BUILTIN_VARIABLES: readonly string[] = ["risk_level"];

/**
 * Also the engine's: what the client has said, in their own words, about a plan, the means and
 * the timing (and when: `today`, `days` or `later`) in the messages the safety layer acted on.
 * Unset until they have said it, so a crisis technique can skip what it already knows.
 */
export const DISCLOSURE_VARIABLES: readonly string[] = ["disclosed_plan", "disclosed_means", "disclosed_timing", "disclosed_when"];

export interface SemanticOptions {
  /** Technique ids of the project; undefined skips the use_skill check. */
  knownTechniques?: ReadonlySet<string>;
  /** Project-wide variables (global scope). */
  globalVariables?: ReadonlySet<string>;
}

/** Parsed conditions by canonical path, reused by the compiler. */
export type ConditionTable = Map<string, ConditionNode>;

interface Producer {
  order: number;
  path: string;
  actionId: string;
}

type Where = "phase" | "topic" | "action" | "trigger" | "exit" | "resume";

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
/** The mapping items of `parent[key]` with their paths (other items are the schema's business). */
function itemsOf(parent: Obj, key: string, path: string): [Obj, string][] {
  const list = parent[key];
  if (!Array.isArray(list)) return [];
  const listPath = childPath(path, key);
  const items: [Obj, string][] = [];
  for (let index = 0; index < list.length; index++) {
    const item: unknown = list[index];
    if (isObject(item)) items.push([item, `${listPath}[${index}]`]);
  }
  return items;
}

export function checkSemantics(script: Normalised, report: Reporter, options: SemanticOptions): ConditionTable {
  const checker = new SemanticChecker(report, options);
  checker.run(script);
  return checker.conditions;
}

class SemanticChecker {
  readonly conditions: ConditionTable = new Map();
  private readonly producers = new Map<string, Producer>();
  private readonly declaredAnywhere = new Map<string, string>();
  private readonly ids = {
    phase: new Map<string, string | (() => string)>(),
    topic: new Map<string, string | (() => string)>(),
    action: new Map<string, string | (() => string)>(),
    trigger: new Map<string, string | (() => string)>(),
  };
  private readonly topicIds = new Set<string>();
  /** Variables something other than a model can set: a rule-extracted answer, a literal, a declared value, an instrument, a technique. */
  private readonly setWithoutModel = new Set<string>();
  /** Variables a model sets (an ai_think output, an ai_ask object field), with the first action that does. */
  private readonly setByModel = new Map<string, Producer>();
  private readonly textVariables = new Set<string>();
  private readonly otherVariables = new Set<string>();
  private order = 0;
  /** Variables visible at the current point, by scope level. */
  private scopes: Set<string>[] = [];

  constructor(
    private readonly report: Reporter,
    private readonly options: SemanticOptions,
  ) {}

  run({ kind, file }: Normalised): void {
    const session = isObject(file.session) ? file.session : undefined;
    const topic = isObject(file.topic) ? file.topic : undefined;
    // Pass 1: who sets what, in document order, so uses can say "set later by ...".
    if (session) this.collectSession(session, "session");
    if (topic) this.collectTopic(topic, "topic");
    this.order = 0;
    // Pass 2: check every use against what exists at that point.
    const base = new Set([...BUILTIN_VARIABLES, ...DISCLOSURE_VARIABLES, ...(this.options.globalVariables ?? [])]);
    this.scopes = [base];
    if (kind === "session" && session) this.checkSession(session, "session");
    if (kind === "technique" && topic) this.checkTechnique(file, topic);
    for (const [trigger, path] of itemsOf(file, "triggers", "")) this.checkTrigger(trigger, path, kind === "session");
  }

  // ------------------------------------------------------------ pass 1

  private collectSession(session: Obj, path: string): void {
    this.declare(session, path, undefined);
    for (const [phase, phasePath] of itemsOf(session, "phases", path)) {
      this.declare(phase, phasePath, undefined);
      for (const [topic, topicPath] of itemsOf(phase, "topics", phasePath)) this.collectTopic(topic, topicPath);
    }
  }

  private collectTopic(topic: Obj, path: string): void {
    this.declare(topic, path, undefined);
    const topicId = asString(topic.topic_id);
    if (topicId) this.topicIds.add(topicId);
    for (const [action, actionPath] of itemsOf(topic, "actions", path)) {
      this.order++;
      for (const [name, producedAt] of producedBy(action, actionPath)) {
        if (!this.producers.has(name)) this.producers.set(name, { order: this.order, path: producedAt, actionId: asString(action.action_id) ?? "?" });
      }
      this.collectFilling(action, actionPath);
    }
  }

  /** Who can fill what this action sets (a model only, or also template mode), and which values are free text. */
  private collectFilling(action: Obj, path: string): void {
    const type = action.action_type;
    const config = isObject(action.config) ? action.config : undefined;
    if (type !== "ai_ask" && type !== "ai_think") {
      for (const [name] of producedBy(action, path)) this.setWithoutModel.add(name);
      return;
    }
    for (const [field, fieldPath] of itemsOf(config ?? {}, "output", childPath(path, "config"))) {
      const name = asString(field.get);
      if (name === undefined) continue;
      const valueType = asString(field.type) ?? "text";
      const method = asString(field.extraction_method) ?? "llm";
      const literal = field.mode === "assign" || field.value !== undefined;
      const modelOnly = !literal && (type === "ai_think" || (valueType === "object" && method === "llm"));
      if (!modelOnly) this.setWithoutModel.add(name);
      else if (!this.setByModel.has(name)) this.setByModel.set(name, { order: this.order, path: childPath(fieldPath, "get"), actionId: asString(action.action_id) ?? "?" });
      if (valueType === "text" && method !== "pattern" && !literal) this.textVariables.add(name);
      else this.otherVariables.add(name);
    }
  }

  // ------------------------------------------------------------ pass 2

  private checkSession(session: Obj, path: string): void {
    this.withScope(this.declare(session, path, "session"), () => {
      for (const [phase, phasePath] of itemsOf(session, "phases", path)) {
        this.unique("phase", phase.phase_id, childPath(phasePath, "phase_id"));
        this.withScope(this.declare(phase, phasePath, "phase"), () => {
          this.condition(phase.entry_condition, () => childPath(phasePath, "entry_condition"), "phase");
          this.placeholders(phase, "phase_goal", phasePath);
          for (const [topic, topicPath] of itemsOf(phase, "topics", phasePath)) this.checkTopic(topic, topicPath);
        });
      }
    });
  }

  private checkTechnique(file: Obj, topic: Obj): void {
    const parameters = new Set<string>();
    for (const [parameter, path] of itemsOf(file, "input_parameters", "")) {
      const name = asString(parameter.name);
      if (name === undefined) continue;
      if (parameters.has(name)) this.report.value("duplicate-declaration", childPath(path, "name"), `The parameter \`${name}\` is declared twice.`);
      parameters.add(name);
    }
    this.withScope(parameters, () => this.checkTopic(topic, "topic"));
    asArray(file.output_variables).forEach((name, index) => {
      if (typeof name !== "string" || parameters.has(name) || this.producers.has(name) || this.declaredAnywhere.has(name)) return;
      this.report.value("unknown-variable", childPath("output_variables", index), `The technique returns \`${name}\`, but no action sets it and it is not declared.`);
    });
  }

  private checkTopic(topic: Obj, path: string): void {
    this.unique("topic", topic.topic_id, childPath(path, "topic_id"));
    this.withScope(this.declare(topic, path, "topic"), () => {
      this.condition(topic.entry_condition, () => childPath(path, "entry_condition"), "topic");
      // The goal and strategy guide the model through the whole topic, so a placeholder there may
      // name what the topic's own actions set (`strategy: 用{用户称呼}称呼对方` after ask_name).
      const ownNames = new Set<string>();
      for (const [action, actionPath] of itemsOf(topic, "actions", path)) for (const [name] of producedBy(action, actionPath)) ownNames.add(name);
      this.withScope(ownNames, () => {
        this.placeholders(topic, "topic_goal", path);
        this.placeholders(topic, "strategy", path);
      });
      for (const [action, actionPath] of itemsOf(topic, "actions", path)) {
        this.order++;
        this.checkAction(action, actionPath);
        // What this action sets is visible to the actions after it.
        // Undeclared variables an action writes live in session scope: visible from here on.
        for (const [name] of producedBy(action, actionPath)) this.scopes[0]?.add(name);
      }
    });
  }

  private checkAction(action: Obj, path: string): void {
    this.unique("action", action.action_id, () => `${path}.action_id`);
    this.condition(action.condition, () => childPath(path, "condition"), "action");
    const config = isObject(action.config) ? action.config : undefined;
    if (!config) return;
    const configPath = `${path}.config`;
    for (const field of PLACEHOLDER_FIELDS) this.placeholders(config, field, configPath);
    if (action.action_type === "ai_say" || action.action_type === "ai_ask") {
      for (const field of CLIENT_TEXT_FIELDS) this.clientText(config, field, configPath);
    }
    for (const [field, fieldPath] of itemsOf(config, "output", configPath)) this.checkOutputField(field, fieldPath);
    switch (action.action_type) {
      case "ai_say": {
        const criteria = isObject(config.exit_criteria) ? config.exit_criteria : undefined;
        const criteriaPath = childPath(childPath(configPath, "exit_criteria"), "custom_conditions");
        asArray(criteria?.custom_conditions).forEach((condition, index) => this.condition(condition, childPath(criteriaPath, index), "exit"));
        break;
      }
      case "ai_ask":
        asArray(config.confirms).forEach((name, index) => {
          if (typeof name !== "string" || this.isVisible(name)) return;
          const hint = didYouMean(name, this.allNames());
          this.report.value(
            "unknown-confirmed-variable",
            childPath(childPath(configPath, "confirms"), index),
            `\`${name}\` is never declared nor set before this question, so there is nothing to confirm.${hint}`,
          );
        });
        break;
      case "ai_think":
        asArray(config.input_variables).forEach((name, index) => {
          if (typeof name === "string") this.variable(name, childPath(childPath(configPath, "input_variables"), index), undefined);
        });
        break;
      case "use_skill":
        this.technique(config.skill, childPath(configPath, "skill"));
        for (const [input, inputPath] of itemsOf(config, "input", configPath)) this.placeholders(input, "value", inputPath);
        break;
    }
  }

  /**
   * Text the client reads: in template mode it is sent as written, so it must be client-facing,
   * must not need a model to fill its placeholders, and free text mid-sentence wants a fallback.
   */
  private clientText(config: Obj, key: string, configPath: string): void {
    const text = config[key];
    if (typeof text !== "string") return;
    const path = childPath(configPath, key);
    const opening = text.trim();
    if (key === "content" && INSTRUCTION_TO_MODEL.some((re) => re.test(opening))) {
      const chinese = /\p{Script=Han}/u.test(opening);
      const example = chinese ? "“你最近睡得怎么样？”" : "\"How have you been sleeping lately?\"";
      this.report.value(
        "instruction-as-content",
        path,
        `This \`content\` reads as an instruction to a model ("${opening.slice(0, 40)}${opening.length > 40 ? "…" : ""}"), but in template mode (no model) the client reads it word for word. Write what the client should read, e.g. ${example}, and put guidance for the model in \`say_goal\`, \`topic_goal\` or \`strategy\`.`,
      );
    }
    if (!text.includes("{")) return;
    for (const placeholder of findPlaceholders(text)) {
      if (placeholder.fallback !== undefined) continue;
      const root = placeholder.name.split(".")[0] ?? placeholder.name;
      if (!this.isVisible(root)) continue; // reported as unknown or used before set
      const span = () => this.report.map.spanWithin(path, text, placeholder.start, placeholder.end);
      const byModel = this.setByModel.get(root);
      if (byModel && !this.setWithoutModel.has(root)) {
        const line = this.report.map.position(this.report.map.valueSpan(byModel.path)[0]).line;
        this.report.at(
          "model-only-placeholder",
          path,
          span(),
          `\`${placeholder.name}\` is only set by a model (\`${byModel.actionId}\`, line ${line}), so in template mode (no model) it is empty here. Give it a fallback (\`\${${placeholder.name}|…}\`) or a \`value\` on that output, or word this without it.`,
        );
        continue;
      }
      if (this.textVariables.has(root) && !this.otherVariables.has(root) && !NAME_LIKE.test(root) && placementOf(text, placeholder.start, placeholder.end) === "inline") {
        this.report.at(
          "free-text-mid-sentence",
          path,
          span(),
          `\`${placeholder.name}\` is free text placed mid-sentence without a fallback: a long answer (over 8 words or 24 characters, several sentences, a question) becomes a short phrase taken from it or a neutral "what you've described". Add a fallback that reads well here: \`\${${placeholder.name}|…}\`.`,
        );
      }
    }
  }

  private checkOutputField(field: Obj, path: string): void {
    const pattern = asString(field.pattern);
    if (pattern !== undefined) {
      try {
        new RegExp(pattern, "u");
      } catch (error) {
        const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : "invalid";
        this.report.value("invalid-pattern", childPath(path, "pattern"), `\`pattern\` is not a valid regular expression: ${reason}.`);
      }
    } else if (field.extraction_method === "pattern") {
      this.report.value("missing-pattern", childPath(path, "extraction_method"), "`extraction_method: pattern` needs a `pattern` (a regular expression whose first group is the value).");
    }
    if (field.type === "enum" && !Array.isArray(field.values)) {
      this.report.value("enum-without-values", childPath(path, "type"), "`type: enum` needs `values`: the list of allowed values.");
    }
  }

  private checkTrigger(trigger: Obj, path: string, inSession: boolean): void {
    this.unique("trigger", trigger.trigger_id, childPath(path, "trigger_id"));
    if (trigger.on === "keyword" && !Array.isArray(trigger.keywords)) {
      this.report.value("missing-field", childPath(path, "keywords"), "`keywords` is required with `on: keyword`: the words that fire the trigger.");
    }
    if (trigger.on === "condition" && trigger.condition === undefined) {
      this.report.value("missing-field", childPath(path, "condition"), "`condition` is required with `on: condition`.");
    }
    // Triggers can fire at any point, so every variable of the script is visible to them.
    this.withScope(new Set([...this.producers.keys(), ...this.declaredAnywhere.keys()]), () =>
      this.condition(trigger.condition, childPath(path, "condition"), "trigger"),
    );
    const run = isObject(trigger.run) ? trigger.run : undefined;
    // `resume_when` reads the run's scope: a technique's variables live in its own file, so its names are taken as given.
    const resumeWhen = asString(trigger.resume_when);
    const parsedResume = resumeWhen === undefined || run?.skill === undefined ? undefined : parseCondition(resumeWhen);
    const techniqueNames = parsedResume?.ok ? parsedResume.variables.map((v) => v.name.split(".")[0] ?? v.name) : [];
    this.withScope(new Set([...this.producers.keys(), ...this.declaredAnywhere.keys(), ...techniqueNames]), () =>
      this.condition(trigger.resume_when, childPath(path, "resume_when"), "resume"),
    );
    if (!run) return;
    const runPath = childPath(path, "run");
    if (run.skill === undefined && run.topic === undefined) {
      this.report.value("missing-field", runPath, "`run` needs `skill` (a technique) or `topic` (a topic of this script).");
    } else if (run.skill !== undefined && run.topic !== undefined) {
      this.report.value("invalid-value", runPath, "`run` takes `skill` or `topic`, not both.");
    }
    this.technique(run.skill, childPath(runPath, "skill"));
    const topic = asString(run.topic);
    if (topic !== undefined && inSession && !this.topicIds.has(topic)) {
      this.report.value("unknown-topic", childPath(runPath, "topic"), `There is no topic \`${topic}\` in this script.${didYouMean(topic, this.topicIds)}`);
    }
  }

  // ------------------------------------------------------------ helpers

  private technique(value: unknown, path: string): void {
    const known = this.options.knownTechniques;
    if (typeof value !== "string" || !known || known.has(value)) return;
    const list = known.size > 0 && known.size <= 8 ? ` Known techniques: ${[...known].sort().join(", ")}.` : "";
    this.report.value("unknown-technique", path, `There is no technique \`${value}\` in this project.${didYouMean(value, known) || list}`);
  }

  private unique(kind: keyof typeof this.ids, value: unknown, pathOf: string | (() => string)): void {
    if (typeof value !== "string") return;
    const first = this.ids[kind].get(value);
    if (first === undefined) {
      this.ids[kind].set(value, pathOf); // paths are only built when a duplicate is found
      return;
    }
    const resolve = (p: string | (() => string)) => (typeof p === "string" ? p : p());
    const line = this.report.map.position(this.report.map.valueSpan(resolve(first))[0]).line;
    this.report.value("duplicate-id", resolve(pathOf), `The ${kind}_id \`${value}\` is already used at line ${line}; ${kind} ids must be unique in the script.`);
  }

  /** Records a level's declarations; returns the names it declares. */
  private declare(level: Obj, path: string, scope: string | undefined): Set<string> {
    const names = new Set<string>();
    for (const [declare, declarePath] of itemsOf(level, "declare", path)) {
      if (scope !== undefined && declare.type === "enum" && !Array.isArray(declare.values)) {
        this.report.value("enum-without-values", childPath(declarePath, "type"), "`type: enum` needs `values`: the list of allowed values.");
      }
      const name = asString(declare.var);
      if (name === undefined) continue;
      if (declare.value !== undefined) this.setWithoutModel.add(name);
      if ((asString(declare.type) ?? "text") === "text") this.textVariables.add(name);
      else this.otherVariables.add(name);
      if (scope !== undefined && names.has(name)) {
        this.report.value("duplicate-declaration", childPath(declarePath, "var"), `\`${name}\` is declared twice in this ${scope}.`);
      }
      names.add(name);
      if (!this.declaredAnywhere.has(name)) this.declaredAnywhere.set(name, path);
    }
    return names;
  }

  private withScope(names: Set<string>, body: () => void): void {
    this.scopes.push(names);
    body();
    this.scopes.pop();
  }

  private isVisible(name: string): boolean {
    const root = name.split(".")[0] ?? name;
    return this.scopes.some((scope) => scope.has(root));
  }

  /** Checks the placeholders in `parent[key]`; the path is only built when something is reported. */
  private placeholders(parent: Obj, key: string, parentPath: string): void {
    const value = parent[key];
    if (typeof value !== "string" || !value.includes("{")) return;
    for (const placeholder of findPlaceholders(value)) {
      if (this.isVisible(placeholder.name)) continue;
      this.variable(placeholder.name, childPath(parentPath, key), { text: value, start: placeholder.start, end: placeholder.end });
    }
  }

  /** Warns when `name` is neither declared in scope nor set by an earlier action. */
  private variable(name: string, path: string, within: { text: string; start: number; end: number } | undefined): void {
    if (this.isVisible(name)) return;
    const span = within ? this.report.map.spanWithin(path, within.text, within.start, within.end) : this.report.map.valueSpan(path);
    const root = name.split(".")[0] ?? name;
    const producer = this.producers.get(root);
    if (producer && producer.order >= this.order) {
      const line = this.report.map.position(this.report.map.valueSpan(producer.path)[0]).line;
      this.report.at(
        "variable-used-before-set",
        path,
        span,
        `\`${name}\` is used before it is set: the first action that sets it is \`${producer.actionId}\` (line ${line}). Until then it is empty.`,
      );
      return;
    }
    const declaredAt = this.declaredAnywhere.get(root);
    const hint = declaredAt !== undefined && !producer ? ` It is declared in \`${declaredAt}\`, which is not visible here.` : didYouMean(name, this.allNames());
    this.report.at("unknown-variable", path, span, `\`${name}\` is never declared nor set by an earlier action, so it is always empty here.${hint}`);
  }

  private allNames(): Set<string> {
    const names = new Set<string>([...this.declaredAnywhere.keys(), ...this.producers.keys()]);
    for (const scope of this.scopes) for (const name of scope) names.add(name);
    return names;
  }

  private condition(value: unknown, pathOf: string | (() => string), where: Where): void {
    if (typeof value !== "string") return; // the schema reports a wrong type
    const path = typeof pathOf === "string" ? pathOf : pathOf();
    const parsed = parseCondition(value);
    if (!parsed.ok) {
      const span = this.report.map.spanWithin(path, value, parsed.start, Math.max(parsed.end, parsed.start + 1));
      this.report.at("condition-syntax", path, span, `This condition does not parse: ${parsed.message}`);
      return;
    }
    this.conditions.set(path, parsed.ast);
    for (const reference of parsed.variables) this.variable(reference.name, path, { text: value, start: reference.start, end: reference.end });
    if (constantTruth(parsed.ast) === false) {
      const message: Record<Where, string> = {
        phase: "This phase never runs: its entry_condition is always false.",
        topic: "This topic never runs: its entry_condition is always false.",
        action: "This action never runs: its condition is always false.",
        trigger: "This trigger never fires: its condition is always false.",
        exit: "This exit condition never holds: it is always false.",
        resume: "The script never resumes after this trigger: its resume_when is always false.",
      };
      this.report.value("unreachable", path, message[where]);
    }
  }
}

const producedCache = new WeakMap<Obj, [string, string][]>();

/** The variables an action writes, with the path where each is named. */
function producedBy(action: Obj, path: string): [string, string][] {
  let produced = producedCache.get(action);
  if (!produced) {
    produced = computeProducedBy(action, path);
    producedCache.set(action, produced);
  }
  return produced;
}

function computeProducedBy(action: Obj, path: string): [string, string][] {
  const config = isObject(action.config) ? action.config : undefined;
  if (!config) return [];
  const configPath = childPath(path, "config");
  const produced: [string, string][] = [];
  if (action.action_type === "assess") {
    const prefix = asString(config.output_prefix) ?? asString(config.instrument);
    const at = childPath(configPath, config.output_prefix !== undefined ? "output_prefix" : "instrument");
    if (prefix !== undefined) for (const suffix of ["_items", "_total", "_band"]) produced.push([prefix + suffix, at]);
    return produced;
  }
  for (const [field, fieldPath] of itemsOf(config, "output", configPath)) {
    const name = asString(field.get);
    if (name !== undefined) produced.push([name, childPath(fieldPath, "get")]);
  }
  return produced;
}
