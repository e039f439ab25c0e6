/**
 * Checks that need the whole script: unique ids, variables used before they exist, conditions,
 * techniques, triggers and unreachable content. Runs on the normalised tree even when the schema
 * found errors, so every problem is reported at once; it never assumes a value has the right type.
 *
 * This file walks the script in document order and hands each part to the checks beside it:
 * semantic-inventory (who sets what), semantic-references (uses of variables, conditions),
 * semantic-targets (ids, techniques, triggers), semantic-fields (a field's own rules) and
 * semantic-template (what the client reads in template mode).
 */
import { isObject, type Normalised, type Obj } from "./normalise";
import type { Reporter } from "./report";
import { checkDeclarations, checkOutputField, checkParameters } from "./semantic-fields";
import { producedBy, ScriptInventory } from "./semantic-inventory";
import { type ConditionTable, VariableReferences } from "./semantic-references";
import { TargetChecks } from "./semantic-targets";
import { TemplateModeHints } from "./semantic-template";
import { asArray, itemsOf } from "./semantic-tree";
import { childPath } from "./source-map";

export type { ConditionTable };

/** Config fields whose text may hold placeholders. */
const PLACEHOLDER_FIELDS = ["content", "tone", "say_goal", "exit", "rephrase", "confirm_no", "hint"];

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

export function checkSemantics(script: Normalised, report: Reporter, options: SemanticOptions): ConditionTable {
  // Pass 1: who sets what, in document order, so uses can say "set later by ...".
  const inventory = new ScriptInventory(script.file);
  // Pass 2: check every use against what exists at that point.
  const sessionScope = new Set([...BUILTIN_VARIABLES, ...DISCLOSURE_VARIABLES, ...(options.globalVariables ?? [])]);
  const references = new VariableReferences(report, inventory, sessionScope);
  new ScriptWalk(report, inventory, references, options).run(script);
  return references.conditions;
}

/** Pass 2: visits every level and action in document order, with the scopes each one sees. */
class ScriptWalk {
  private readonly targets: TargetChecks;
  private readonly templateHints: TemplateModeHints;

  constructor(
    private readonly report: Reporter,
    private readonly inventory: ScriptInventory,
    private readonly references: VariableReferences,
    options: SemanticOptions,
  ) {
    this.targets = new TargetChecks(report, inventory, references, options.knownTechniques);
    this.templateHints = new TemplateModeHints(report, inventory, references);
  }

  run({ kind, file }: Normalised): void {
    if (kind === "session" && isObject(file.session)) this.checkSession(file.session, "session");
    if (kind === "technique" && isObject(file.topic)) this.checkTechnique(file, file.topic);
    for (const [trigger, path] of itemsOf(file, "triggers", "")) this.targets.trigger(trigger, path, kind === "session");
  }

  private checkSession(session: Obj, path: string): void {
    this.references.withScope(checkDeclarations(this.report, session, path, "session"), () => {
      for (const [phase, phasePath] of itemsOf(session, "phases", path)) {
        this.targets.uniqueId("phase", phase.phase_id, childPath(phasePath, "phase_id"));
        this.references.withScope(checkDeclarations(this.report, phase, phasePath, "phase"), () => {
          this.references.condition(phase.entry_condition, () => childPath(phasePath, "entry_condition"), "phase");
          this.references.placeholders(phase, "phase_goal", phasePath);
          for (const [topic, topicPath] of itemsOf(phase, "topics", phasePath)) this.checkTopic(topic, topicPath);
        });
      }
    });
  }

  private checkTechnique(file: Obj, topic: Obj): void {
    const parameters = checkParameters(this.report, file);
    this.references.withScope(parameters, () => this.checkTopic(topic, "topic"));
    asArray(file.output_variables).forEach((name, index) => {
      if (typeof name !== "string" || parameters.has(name) || this.inventory.producers.has(name) || this.inventory.declaredAnywhere.has(name)) return;
      this.report.value("unknown-variable", childPath("output_variables", index), `The technique returns \`${name}\`, but no action sets it and it is not declared.`);
    });
  }

  private checkTopic(topic: Obj, path: string): void {
    this.targets.uniqueId("topic", topic.topic_id, childPath(path, "topic_id"));
    this.references.withScope(checkDeclarations(this.report, topic, path, "topic"), () => {
      this.references.condition(topic.entry_condition, () => childPath(path, "entry_condition"), "topic");
      // The goal and strategy guide the model through the whole topic, so a placeholder there may
      // name what the topic's own actions set (`strategy: 用{用户称呼}称呼对方` after ask_name).
      const ownNames = new Set<string>();
      for (const [action, actionPath] of itemsOf(topic, "actions", path)) for (const [name] of producedBy(action, actionPath)) ownNames.add(name);
      this.references.withScope(ownNames, () => {
        this.references.placeholders(topic, "topic_goal", path);
        this.references.placeholders(topic, "strategy", path);
      });
      for (const [action, actionPath] of itemsOf(topic, "actions", path)) {
        this.references.nextAction();
        this.checkAction(action, actionPath);
        // What this action sets is visible to the actions after it.
        for (const [name] of producedBy(action, actionPath)) this.references.setInSession(name);
      }
    });
  }

  private checkAction(action: Obj, path: string): void {
    this.targets.uniqueId("action", action.action_id, () => `${path}.action_id`);
    this.references.condition(action.condition, () => childPath(path, "condition"), "action");
    const config = isObject(action.config) ? action.config : undefined;
    if (!config) return;
    const configPath = `${path}.config`;
    for (const field of PLACEHOLDER_FIELDS) this.references.placeholders(config, field, configPath);
    this.templateHints.action(action.action_type, config, configPath);
    for (const [field, fieldPath] of itemsOf(config, "output", configPath)) checkOutputField(this.report, field, fieldPath);
    switch (action.action_type) {
      case "ai_say": {
        const criteria = isObject(config.exit_criteria) ? config.exit_criteria : undefined;
        const criteriaPath = childPath(childPath(configPath, "exit_criteria"), "custom_conditions");
        asArray(criteria?.custom_conditions).forEach((condition, index) => this.references.condition(condition, childPath(criteriaPath, index), "exit"));
        break;
      }
      case "ai_ask":
        asArray(config.confirms).forEach((name, index) => this.references.confirmed(name, () => childPath(childPath(configPath, "confirms"), index)));
        break;
      case "ai_think":
        asArray(config.input_variables).forEach((name, index) => {
          if (typeof name === "string") this.references.variable(name, childPath(childPath(configPath, "input_variables"), index), undefined);
        });
        break;
      case "use_skill":
        this.targets.technique(config.skill, childPath(configPath, "skill"));
        for (const [input, inputPath] of itemsOf(config, "input", configPath)) this.references.placeholders(input, "value", inputPath);
        break;
    }
  }
}
