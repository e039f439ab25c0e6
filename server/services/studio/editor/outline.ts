/**
 * What the editor draws beside a draft: the outline (phases → topics → actions, triggers), with
 * conditions and `use_skill` targets for the flow picture; the variables the draft declares or
 * produces (for completion); and the placeholder names it uses.
 *
 * Read from the normalised tree (aliases resolved, fields beside `config` moved in), so it works
 * on drafts that still have errors, as long as the YAML can be read. Positions come from the
 * engine's source map: 1-based, end exclusive, like the diagnostics.
 */
import { BUILTIN_VARIABLES, findPlaceholders } from "../../../engine/script";
import { guardInput } from "../../../engine/script/input-guards";
import { isObject, normalise, type Obj } from "../../../engine/script/normalise";
import { parseYaml } from "../../../engine/script/parse-yaml";
import { Reporter } from "../../../engine/script/report";
import { asString as str, itemsOf } from "../../../engine/script/semantic-tree";
import { childPath, SourceMap } from "../../../engine/script/source-map";

export type OutlineKind = "session" | "phase" | "topic" | "action" | "trigger" | "technique";

export interface OutlineNode {
  kind: OutlineKind;
  /** session_id, phase_id, topic_id, action_id, trigger_id or technique_id ("" while missing). */
  id: string;
  /** Display text: the node's name, or for actions a short excerpt of what they say. */
  label: string;
  actionType?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** entry_condition (phases, topics), condition (actions, triggers), as written. */
  condition?: string;
  /** The technique a use_skill action or a trigger runs. */
  skill?: string;
  /** The topic of this script a trigger runs (`run: {topic}`). */
  runTopic?: string;
  /** What sets a trigger off (`on`: risk_high, risk_medium, keyword, condition). */
  on?: string;
  children: OutlineNode[];
}

/** session/phase/topic: declared there; skill: a technique's own scope; input: a technique parameter; builtin: provided by the engine. */
export type VariableScope = "session" | "phase" | "topic" | "skill" | "input" | "builtin";

export interface VariableInfo {
  name: string;
  /** text | number | boolean | list | enum | object */
  type: string;
  scope: VariableScope;
  /** Where it is declared; null for variables only an action produces, and built-ins. */
  declaredAt: { line: number; column: number } | null;
  /** The first action (document order) that sets it, if any. */
  producedBy: string | null;
}

export interface DraftStructure {
  outline: OutlineNode[];
  variables: VariableInfo[];
  /** Names used in placeholders (`${x}`, `{{x}}`, `{x}`), unique, in document order. */
  placeholders: string[];
}

const EMPTY: DraftStructure = { outline: [], variables: [], placeholders: [] };
const LABEL_MAX = 60;
/** Text fields the engine renders placeholders in. */
const TEXT_FIELDS = ["phase_goal", "topic_goal", "strategy"];
const CONFIG_TEXT_FIELDS = ["content", "tone", "say_goal", "exit"];

const idOf = (value: unknown): string => (typeof value === "string" || typeof value === "number" ? String(value) : "");


function excerpt(text: string): string {
  const line = text.trim().split("\n")[0]?.trim() ?? "";
  return line.length > LABEL_MAX ? `${line.slice(0, LABEL_MAX - 1).trimEnd()}…` : line;
}

/** The outline, variables and placeholders of a draft; empty when the YAML cannot be read as a script. */
export function describeDraft(yamlText: string): DraftStructure {
  const report = new Reporter(new SourceMap(yamlText));
  try {
    if (!guardInput(yamlText, report)) return EMPTY;
    const raw = parseYaml(yamlText, report);
    const normalised = normalise(raw, report);
    if (!normalised) return EMPTY;
    return new Describer(report.map).file(normalised.kind, normalised.file);
  } catch {
    // The editor's helpers must never fail the diagnostics; the compiler reports the problem.
    return EMPTY;
  }
}

class Describer {
  private readonly placeholderNames = new Set<string>();
  /** Declarations in document order. */
  private readonly declared: VariableInfo[] = [];
  /** Produced variables: name → first producing action and the type it writes. */
  private readonly produced = new Map<string, { actionId: string; type: string }>();
  private inTechnique = false;

  constructor(private readonly map: SourceMap) {}

  file(kind: "session" | "technique" | "safety", file: Obj): DraftStructure {
    const outline: OutlineNode[] = [];
    if (kind === "session" && isObject(file.session)) outline.push(this.session(file.session, "session"));
    if (kind === "technique" && isObject(file.topic)) outline.push(this.technique(file, file.topic));
    for (const [trigger, path] of itemsOf(file, "triggers", "")) outline.push(this.trigger(trigger, path));
    return { outline, variables: this.variables(), placeholders: [...this.placeholderNames] };
  }

  private node(kind: OutlineKind, id: string, label: string, path: string, extra: Partial<OutlineNode> = {}): OutlineNode {
    const { line, column, endLine, endColumn } = this.map.range(this.map.valueSpan(path));
    return { kind, id, label: label || id || `(${kind} without an id)`, line, column, endLine, endColumn, ...extra, children: extra.children ?? [] };
  }

  private session(session: Obj, path: string): OutlineNode {
    this.declare(session, path, "session");
    const phases = itemsOf(session, "phases", path).map(([phase, phasePath]) => {
      this.declare(phase, phasePath, "phase");
      this.texts(phase);
      return this.node("phase", idOf(phase.phase_id), str(phase.phase_name) ?? idOf(phase.phase_id), phasePath, {
        ...this.condition(phase.entry_condition),
        children: itemsOf(phase, "topics", phasePath).map(([topic, topicPath]) => this.topic(topic, topicPath)),
      });
    });
    return this.node("session", idOf(session.session_id), str(session.session_name) ?? idOf(session.session_id), path, { children: phases });
  }

  private technique(file: Obj, topic: Obj): OutlineNode {
    this.inTechnique = true;
    for (const [parameter, path] of itemsOf(file, "input_parameters", "")) {
      const name = str(parameter.name);
      if (name !== undefined) this.declared.push({ name, type: "text", scope: "input", declaredAt: this.at(childPath(path, "name")), producedBy: null });
    }
    const id = idOf(file.technique_id) || idOf(topic.topic_id);
    return this.node("technique", id, str(file.name) ?? id, "topic", { children: [this.topic(topic, "topic")] });
  }

  private topic(topic: Obj, path: string): OutlineNode {
    this.declare(topic, path, "topic");
    this.texts(topic);
    return this.node("topic", idOf(topic.topic_id), str(topic.topic_name) ?? idOf(topic.topic_id), path, {
      ...this.condition(topic.entry_condition),
      children: itemsOf(topic, "actions", path).map(([action, actionPath]) => this.action(action, actionPath)),
    });
  }

  private action(action: Obj, path: string): OutlineNode {
    const id = idOf(action.action_id);
    const type = str(action.action_type);
    const config = isObject(action.config) ? action.config : {};
    this.texts(config, CONFIG_TEXT_FIELDS);
    for (const [input] of itemsOf(config, "input", "")) this.texts(input, ["value"]);
    this.produces(id, type, config);
    const skill = type === "use_skill" ? str(config.skill) : undefined;
    const content = str(config.content);
    let label = content ? excerpt(content) : "";
    if (!label && skill) label = `use_skill ${skill}`;
    if (!label && type === "assess" && str(config.instrument)) label = `assess ${str(config.instrument)}`;
    return this.node("action", id, label || id, path, {
      ...(type ? { actionType: type } : {}),
      ...this.condition(action.condition),
      ...(skill ? { skill } : {}),
    });
  }

  private trigger(trigger: Obj, path: string): OutlineNode {
    const run = isObject(trigger.run) ? trigger.run : {};
    const skill = str(run.skill);
    const topic = str(run.topic);
    const on = str(trigger.on) ?? "";
    const target = skill ? `skill ${skill}` : topic ? `topic ${topic}` : "";
    return this.node("trigger", idOf(trigger.trigger_id), [on && `on ${on}`, target && `run ${target}`].filter(Boolean).join(" → "), path, {
      ...this.condition(trigger.condition),
      ...(skill ? { skill } : {}),
      ...(topic ? { runTopic: topic } : {}),
      ...(on ? { on } : {}),
    });
  }

  private condition(value: unknown): { condition?: string } {
    const text = typeof value === "boolean" ? String(value) : str(value);
    return text === undefined ? {} : { condition: text };
  }

  private at(path: string): { line: number; column: number } {
    const { line, column } = this.map.range(this.map.valueSpan(path));
    return { line, column };
  }

  private declare(level: Obj, path: string, scope: "session" | "phase" | "topic"): void {
    for (const [declare, declarePath] of itemsOf(level, "declare", path)) {
      const name = str(declare.var);
      if (name === undefined) continue;
      this.declared.push({
        name,
        type: str(declare.type) ?? "text",
        scope: this.inTechnique ? "skill" : scope,
        declaredAt: this.at(childPath(declarePath, "var")),
        producedBy: null,
      });
    }
  }

  private produces(actionId: string, type: string | undefined, config: Obj): void {
    const add = (name: string, valueType: string) => {
      if (!this.produced.has(name)) this.produced.set(name, { actionId, type: valueType });
    };
    if (type === "assess") {
      const prefix = str(config.output_prefix) ?? str(config.instrument);
      if (prefix === undefined) return;
      add(`${prefix}_items`, "list");
      add(`${prefix}_total`, "number");
      add(`${prefix}_band`, "text");
      return;
    }
    for (const [field] of itemsOf(config, "output", "")) {
      const name = str(field.get);
      if (name !== undefined) add(name, str(field.type) ?? "text");
    }
  }

  private texts(parent: Obj, fields: readonly string[] = TEXT_FIELDS): void {
    for (const field of fields) {
      const value = parent[field];
      if (typeof value !== "string" || !value.includes("{")) continue;
      for (const placeholder of findPlaceholders(value)) this.placeholderNames.add(placeholder.name);
    }
  }

  private variables(): VariableInfo[] {
    const seen = new Set<string>();
    const result: VariableInfo[] = [];
    for (const variable of this.declared) {
      const key = `${variable.scope}:${variable.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ ...variable, producedBy: this.produced.get(variable.name)?.actionId ?? null });
    }
    const declaredNames = new Set(this.declared.map((v) => v.name));
    for (const [name, { actionId, type }] of this.produced) {
      if (declaredNames.has(name)) continue;
      // Undeclared writes land in session scope (a technique's own scope inside a technique).
      result.push({ name, type, scope: this.inTechnique ? "skill" : "session", declaredAt: null, producedBy: actionId });
    }
    for (const name of BUILTIN_VARIABLES) {
      if (!declaredNames.has(name) && !this.produced.has(name)) result.push({ name, type: "enum", scope: "builtin", declaredAt: null, producedBy: null });
    }
    return result;
  }
}
