/**
 * Ids, and what names them: a phase, topic, action or trigger id must be unique in the script;
 * `use_skill` and a trigger's `run.skill` must name a technique of the project, and `run.topic` a
 * topic of this script. Triggers are checked whole here, since what they run is most of them.
 */
import { parseCondition } from "../conditions";
import { isObject, type Obj } from "./normalise";
import type { Reporter } from "./report";
import type { ScriptInventory } from "./semantic-inventory";
import type { VariableReferences } from "./semantic-references";
import { asString, type LazyPath, resolvePath } from "./semantic-tree";
import { childPath } from "./source-map";
import { didYouMean } from "./suggest";

type IdKind = "phase" | "topic" | "action" | "trigger";

export class TargetChecks {
  /** Where each id was first used, by kind. */
  private readonly firstUses: Record<IdKind, Map<string, LazyPath>> = {
    phase: new Map(),
    topic: new Map(),
    action: new Map(),
    trigger: new Map(),
  };

  constructor(
    private readonly report: Reporter,
    private readonly inventory: ScriptInventory,
    private readonly references: VariableReferences,
    /** Technique ids of the project; undefined skips the technique check. */
    private readonly knownTechniques: ReadonlySet<string> | undefined,
  ) {}

  uniqueId(kind: IdKind, value: unknown, pathOf: LazyPath): void {
    if (typeof value !== "string") return;
    const first = this.firstUses[kind].get(value);
    if (first === undefined) {
      this.firstUses[kind].set(value, pathOf); // paths are only built when a duplicate is found
      return;
    }
    const line = this.report.map.position(this.report.map.valueSpan(resolvePath(first))[0]).line;
    this.report.value("duplicate-id", resolvePath(pathOf), `The ${kind}_id \`${value}\` is already used at line ${line}; ${kind} ids must be unique in the script.`);
  }

  technique(value: unknown, path: string): void {
    const known = this.knownTechniques;
    if (typeof value !== "string" || !known || known.has(value)) return;
    const list = known.size > 0 && known.size <= 8 ? ` Known techniques: ${[...known].sort().join(", ")}.` : "";
    this.report.value("unknown-technique", path, `There is no technique \`${value}\` in this project.${didYouMean(value, known) || list}`);
  }

  trigger(trigger: Obj, path: string, inSession: boolean): void {
    this.uniqueId("trigger", trigger.trigger_id, childPath(path, "trigger_id"));
    if (trigger.on === "keyword" && !Array.isArray(trigger.keywords)) {
      this.report.value("missing-field", childPath(path, "keywords"), "`keywords` is required with `on: keyword`: the words that fire the trigger.");
    }
    if (trigger.on === "condition" && trigger.condition === undefined) {
      this.report.value("missing-field", childPath(path, "condition"), "`condition` is required with `on: condition`.");
    }
    // Triggers can fire at any point, so every variable of the script is visible to them.
    const everyVariable = this.inventory.everyVariable();
    this.references.withScope(new Set(everyVariable), () => this.references.condition(trigger.condition, childPath(path, "condition"), "trigger"));
    const run = isObject(trigger.run) ? trigger.run : undefined;
    // `resume_when` reads the run's scope: a technique's variables live in its own file, so its names are taken as given.
    const resumeWhen = asString(trigger.resume_when);
    const parsedResume = resumeWhen === undefined || run?.skill === undefined ? undefined : parseCondition(resumeWhen);
    const techniqueNames = parsedResume?.ok ? parsedResume.variables.map((v) => v.name.split(".")[0] ?? v.name) : [];
    this.references.withScope(new Set([...everyVariable, ...techniqueNames]), () =>
      this.references.condition(trigger.resume_when, childPath(path, "resume_when"), "resume"),
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
    if (topic !== undefined && inSession && !this.inventory.topicIds.has(topic)) {
      this.report.value("unknown-topic", childPath(runPath, "topic"), `There is no topic \`${topic}\` in this script.${didYouMean(topic, this.inventory.topicIds)}`);
    }
  }
}
