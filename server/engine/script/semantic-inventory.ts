/**
 * The first pass of the semantic checks: who sets and who declares each variable, in document
 * order, taken before any use is checked, so that a use can say "set later by …" and the
 * template-mode hints know whether only a model fills a variable.
 */
import { isObject, type Obj } from "./normalise";
import { asString, itemsOf } from "./semantic-tree";
import { childPath } from "./source-map";

/** An action that sets a variable: its place in document order and where it names the variable. */
interface Producer {
  order: number;
  path: string;
  actionId: string;
}

export class ScriptInventory {
  /** The first action that sets each variable. */
  readonly producers = new Map<string, Producer>();
  /** The path of the first level that declares each variable. */
  readonly declaredAnywhere = new Map<string, string>();
  readonly topicIds = new Set<string>();
  /** Variables something other than a model can set: a rule-extracted answer, a literal, a declared value, an instrument, a technique. */
  readonly setWithoutModel = new Set<string>();
  /** Variables a model sets (an ai_think output, an ai_ask object field), with the first action that does. */
  readonly setByModel = new Map<string, Producer>();
  /** Variables that may hold free text, and those that may hold anything else; a name set in several places can be in both. */
  readonly textVariables = new Set<string>();
  readonly otherVariables = new Set<string>();
  private order = 0;

  constructor(file: Obj) {
    if (isObject(file.session)) this.collectSession(file.session, "session");
    if (isObject(file.topic)) this.collectTopic(file.topic, "topic");
  }

  /** Every variable the script sets or declares, wherever it does. */
  everyVariable(): string[] {
    return [...this.producers.keys(), ...this.declaredAnywhere.keys()];
  }

  private collectSession(session: Obj, path: string): void {
    this.collectDeclarations(session, path);
    for (const [phase, phasePath] of itemsOf(session, "phases", path)) {
      this.collectDeclarations(phase, phasePath);
      for (const [topic, topicPath] of itemsOf(phase, "topics", phasePath)) this.collectTopic(topic, topicPath);
    }
  }

  private collectTopic(topic: Obj, path: string): void {
    this.collectDeclarations(topic, path);
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

  /** A level's `declare` list: what it declares, and whether a declared value fills it without a model. */
  private collectDeclarations(level: Obj, path: string): void {
    for (const [declare] of itemsOf(level, "declare", path)) {
      const name = asString(declare.var);
      if (name === undefined) continue;
      if (declare.value !== undefined) this.setWithoutModel.add(name);
      if ((asString(declare.type) ?? "text") === "text") this.textVariables.add(name);
      else this.otherVariables.add(name);
      if (!this.declaredAnywhere.has(name)) this.declaredAnywhere.set(name, path);
    }
  }
}

// Both passes ask this of every action; the answer depends only on the action.
const producedCache = new WeakMap<Obj, [string, string][]>();

/** The variables an action writes, with the path where each is named. */
export function producedBy(action: Obj, path: string): [string, string][] {
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
