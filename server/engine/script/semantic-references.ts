/**
 * Variables in scope, and the check on every use of one (a placeholder, a condition, an input, a
 * confirmation): it must be declared in a visible scope or set by an earlier action. Conditions
 * are parsed here, kept for the compiler, and reported when they can never hold.
 */
import { type ConditionNode, constantTruth, parseCondition } from "../conditions";
import type { Obj } from "./normalise";
import { findPlaceholders } from "./placeholders";
import type { Reporter } from "./report";
import type { ScriptInventory } from "./semantic-inventory";
import { type LazyPath, resolvePath } from "./semantic-tree";
import { childPath } from "./source-map";
import { didYouMean } from "./suggest";

/** Parsed conditions by canonical path, reused by the compiler. */
export type ConditionTable = Map<string, ConditionNode>;

/** What a condition belongs to, which decides what "always false" means for it. */
type ConditionSite = "phase" | "topic" | "action" | "trigger" | "exit" | "resume";

const NEVER_HOLDS: Record<ConditionSite, string> = {
  phase: "This phase never runs: its entry_condition is always false.",
  topic: "This topic never runs: its entry_condition is always false.",
  action: "This action never runs: its condition is always false.",
  trigger: "This trigger never fires: its condition is always false.",
  exit: "This exit condition never holds: it is always false.",
  resume: "The script never resumes after this trigger: its resume_when is always false.",
};

export class VariableReferences {
  readonly conditions: ConditionTable = new Map();
  /** Variables visible at the current point, by scope level; the first is the session's. */
  private readonly scopes: Set<string>[];
  /** The action being checked, counted in document order as the inventory counted it. */
  private order = 0;

  constructor(
    private readonly report: Reporter,
    private readonly inventory: ScriptInventory,
    sessionScope: Set<string>,
  ) {
    this.scopes = [sessionScope];
  }

  /** Moves on to the next action: what later actions set is "used before set" from here. */
  nextAction(): void {
    this.order++;
  }

  withScope(names: Set<string>, body: () => void): void {
    this.scopes.push(names);
    body();
    this.scopes.pop();
  }

  /** Undeclared variables an action writes live in session scope: visible from here on. */
  setInSession(name: string): void {
    this.scopes[0]?.add(name);
  }

  isVisible(name: string): boolean {
    const root = name.split(".")[0] ?? name;
    return this.scopes.some((scope) => scope.has(root));
  }

  /** Checks the placeholders in `parent[key]`; the path is only built when something is reported. */
  placeholders(parent: Obj, key: string, parentPath: string): void {
    const value = parent[key];
    if (typeof value !== "string" || !value.includes("{")) return;
    for (const placeholder of findPlaceholders(value)) {
      if (this.isVisible(placeholder.name)) continue;
      this.variable(placeholder.name, childPath(parentPath, key), { text: value, start: placeholder.start, end: placeholder.end });
    }
  }

  /** An ai_ask's `confirms` entry: the variable must exist by then, or there is nothing to confirm. */
  confirmed(value: unknown, pathOf: LazyPath): void {
    if (typeof value !== "string" || this.isVisible(value)) return;
    const hint = didYouMean(value, this.allNames());
    this.report.value("unknown-confirmed-variable", resolvePath(pathOf), `\`${value}\` is never declared nor set before this question, so there is nothing to confirm.${hint}`);
  }

  /** Warns when `name` is neither declared in scope nor set by an earlier action. */
  variable(name: string, path: string, within: { text: string; start: number; end: number } | undefined): void {
    if (this.isVisible(name)) return;
    const map = this.report.map;
    const span = within ? map.spanWithin(path, within.text, within.start, within.end) : map.valueSpan(path);
    const root = name.split(".")[0] ?? name;
    const producer = this.inventory.producers.get(root);
    if (producer && producer.order >= this.order) {
      const line = map.position(map.valueSpan(producer.path)[0]).line;
      this.report.at(
        "variable-used-before-set",
        path,
        span,
        `\`${name}\` is used before it is set: the first action that sets it is \`${producer.actionId}\` (line ${line}). Until then it is empty.`,
      );
      return;
    }
    const declaredAt = this.inventory.declaredAnywhere.get(root);
    const hint = declaredAt !== undefined && !producer ? ` It is declared in \`${declaredAt}\`, which is not visible here.` : didYouMean(name, this.allNames());
    this.report.at("unknown-variable", path, span, `\`${name}\` is never declared nor set by an earlier action, so it is always empty here.${hint}`);
  }

  condition(value: unknown, pathOf: LazyPath, site: ConditionSite): void {
    if (typeof value !== "string") return; // the schema reports a wrong type
    const path = resolvePath(pathOf);
    const parsed = parseCondition(value);
    if (!parsed.ok) {
      const span = this.report.map.spanWithin(path, value, parsed.start, Math.max(parsed.end, parsed.start + 1));
      this.report.at("condition-syntax", path, span, `This condition does not parse: ${parsed.message}`);
      return;
    }
    this.conditions.set(path, parsed.ast);
    for (const reference of parsed.variables) this.variable(reference.name, path, { text: value, start: reference.start, end: reference.end });
    if (constantTruth(parsed.ast) === false) this.report.value("unreachable", path, NEVER_HOLDS[site]);
  }

  /** Candidates for "did you mean": declared, set, or in scope. */
  private allNames(): Set<string> {
    const names = new Set<string>([...this.inventory.declaredAnywhere.keys(), ...this.inventory.producers.keys()]);
    for (const scope of this.scopes) for (const name of scope) names.add(name);
    return names;
  }
}
