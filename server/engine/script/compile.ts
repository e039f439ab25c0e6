/**
 * The pipeline: guards → YAML → normalise → schema → semantic checks → compiled script.
 * Every stage reports into one Reporter, so all problems come back at once.
 */
import { checkClientFacing } from "./client-facing";
import { readConsciousness } from "./consciousness";
import {
  COMPILED_FORMAT_VERSION,
  type CompiledAction,
  type CompiledCondition,
  type CompiledDeclare,
  type CompiledOutputField,
  type CompiledScript,
  type CompiledTopic,
  type CompiledTrigger,
} from "./compiled";
import { type Diagnostic, hasErrors } from "./diagnostics";
import { guardInput } from "./input-guards";
import { type Normalised, normalise } from "./normalise";
import { normaliseStringsInPlace } from "./names";
import { parseYaml } from "./parse-yaml";
import { Reporter } from "./report";
import {
  type Action,
  type Declare,
  type OutputField,
  SafetyFileSchema,
  type SafetyFile,
  SessionFileSchema,
  type SessionFile,
  TechniqueFileSchema,
  type TechniqueFile,
  type Topic,
  type Trigger,
} from "./schema";
import { reportSchemaIssues } from "./schema-issues";
import { checkSemantics, type ConditionTable } from "./semantic";
import { childPath, SourceMap } from "./source-map";

export interface CompileOptions {
  /** Technique ids of the project. When absent, `use_skill` targets are not checked. */
  knownTechniques?: Iterable<string>;
  /** Project-wide variables that scripts may use without declaring them. */
  globalVariables?: Iterable<string>;
  /** File name of the script; a safety file's key is its name without extension. */
  fileName?: string;
  /**
   * The script is being written for clients (the studio, the CLI): also check what they see of it
   * before it starts (a session's `metadata.client_description`).
   */
  forClients?: boolean;
}

export type CompileResult = { ok: true; script: CompiledScript; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

export function compileScript(yamlText: string, options: CompileOptions = {}): CompileResult {
  return check(yamlText, options, true);
}

export function validateScript(yamlText: string, options: CompileOptions = {}): Diagnostic[] {
  return check(yamlText, options, false).diagnostics;
}

function check(yamlText: string, options: CompileOptions, build: boolean): CompileResult {
  const report = new Reporter(new SourceMap(yamlText));
  let script: CompiledScript | undefined;
  try {
    script = run(yamlText, options, report, build);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    report.at("internal-error", "", [0, 0], `The validator failed unexpectedly (${reason}). Please report this together with the script.`);
  }
  const diagnostics = report.result();
  return script && !hasErrors(diagnostics) ? { ok: true, script, diagnostics } : { ok: false, diagnostics };
}

function run(text: string, options: CompileOptions, report: Reporter, build: boolean): CompiledScript | undefined {
  if (!guardInput(text, report)) return undefined;
  const raw = parseYaml(text, report);
  if (raw === undefined && report.hasErrors) return undefined; // unreadable: nothing more to say
  // Broken YAML yields a half-read tree; checking it would bury the real problem under false ones.
  if (report.has("yaml-syntax")) return undefined;
  normaliseStringsInPlace(raw);
  const normalised = normalise(raw, report);
  if (!normalised) return undefined;
  const parsed = parseCanonical(normalised);
  if (!parsed.success) reportSchemaIssues(parsed.issues, normalised.file, report);
  const conditions = checkSemantics(normalised, report, {
    knownTechniques: options.knownTechniques ? new Set(options.knownTechniques) : undefined,
    globalVariables: options.globalVariables ? new Set(options.globalVariables) : undefined,
  });
  checkClientFacing(normalised, report, { askForDescription: options.forClients === true });
  const crisisKeywords = normalised.kind === "safety" ? readConsciousness(normalised.file.consciousness, "consciousness", report) : [];
  if (!parsed.success || report.hasErrors || !build) return undefined;
  const builder = new Builder(report.map, conditions);
  switch (parsed.kind) {
    case "session":
      return builder.session(parsed.data);
    case "technique":
      return builder.technique(parsed.data);
    case "safety":
      return builder.safety(parsed.data, crisisKeywords, options.fileName);
  }
}

type Parsed =
  | { success: true; kind: "session"; data: SessionFile }
  | { success: true; kind: "technique"; data: TechniqueFile }
  | { success: true; kind: "safety"; data: SafetyFile }
  | { success: false; issues: import("zod").z.core.$ZodIssue[] };

function parseCanonical({ kind, file }: Normalised): Parsed {
  switch (kind) {
    case "session": {
      const result = SessionFileSchema.safeParse(file);
      return result.success ? { success: true, kind, data: result.data } : { success: false, issues: result.error.issues };
    }
    case "technique": {
      const result = TechniqueFileSchema.safeParse(file);
      return result.success ? { success: true, kind, data: result.data } : { success: false, issues: result.error.issues };
    }
    case "safety": {
      const result = SafetyFileSchema.safeParse(file);
      return result.success ? { success: true, kind, data: result.data } : { success: false, issues: result.error.issues };
    }
  }
}

/** Builds the compiled form from schema-checked data, adding ranges and parsed conditions. */
class Builder {
  constructor(
    private readonly map: SourceMap,
    private readonly conditions: ConditionTable,
  ) {}

  session(file: SessionFile): CompiledScript {
    const { declare, phases, ...session } = file.session;
    const path = "session";
    return {
      kind: "session",
      formatVersion: COMPILED_FORMAT_VERSION,
      key: session.session_id,
      metadata: file.metadata ?? {},
      session: {
        ...session,
        declare: this.declares(declare, path),
        phases: phases.map(({ declare: phaseDeclare, topics, entry_condition, ...phase }, index) => {
          const phasePath = childPath(childPath(path, "phases"), index);
          return {
            ...phase,
            ...this.condition("entry_condition", entry_condition, phasePath),
            declare: this.declares(phaseDeclare, phasePath),
            topics: topics.map((topic, topicIndex) => this.topic(topic, childPath(childPath(phasePath, "topics"), topicIndex))),
            range: this.range(phasePath),
          };
        }),
        range: this.range(path),
      },
      triggers: this.triggers(file.triggers),
    };
  }

  technique(file: TechniqueFile): CompiledScript {
    const techniqueId = file.technique_id ?? file.topic.topic_id;
    return {
      kind: "technique",
      formatVersion: COMPILED_FORMAT_VERSION,
      key: techniqueId,
      metadata: file.metadata ?? {},
      technique: {
        technique_id: techniqueId,
        ...(file.name !== undefined ? { name: file.name } : {}),
        ...(file.description !== undefined ? { description: file.description } : {}),
        input_parameters: file.input_parameters.map((parameter, index) => ({ ...parameter, range: this.range(childPath("input_parameters", index)) })),
        output_variables: file.output_variables,
        topic: this.topic(file.topic, "topic"),
      },
    };
  }

  safety(file: SafetyFile, crisisKeywords: string[], fileName: string | undefined): CompiledScript {
    const stem = fileName?.split(/[\\/]/).pop()?.replace(/\.ya?ml$/i, "");
    const name = typeof file.metadata?.name === "string" ? file.metadata.name : undefined;
    return {
      kind: "safety",
      formatVersion: COMPILED_FORMAT_VERSION,
      key: stem || slug(name) || "safety",
      metadata: file.metadata ?? {},
      triggers: this.triggers(file.triggers),
      crisis_keywords: crisisKeywords,
    };
  }

  private topic({ declare, actions, entry_condition, ...topic }: Topic, path: string): CompiledTopic {
    return {
      ...topic,
      ...this.condition("entry_condition", entry_condition, path),
      declare: this.declares(declare, path),
      actions: actions.map((action, index) => this.action(action, childPath(childPath(path, "actions"), index))),
      range: this.range(path),
    };
  }

  private action(action: Action, path: string): CompiledAction {
    const configPath = childPath(path, "config");
    const head = { action_id: action.action_id, ...this.condition("condition", action.condition, path), range: this.range(path) };
    switch (action.action_type) {
      case "ai_say": {
        const { exit_criteria, ...config } = action.config;
        if (!exit_criteria) return { action_type: "ai_say", ...head, config };
        const { custom_conditions, ...criteria } = exit_criteria;
        const conditionsPath = childPath(childPath(configPath, "exit_criteria"), "custom_conditions");
        const compiled = custom_conditions?.map((text, index) => this.compiledCondition(text, childPath(conditionsPath, index)));
        return {
          action_type: "ai_say",
          ...head,
          config: { ...config, exit_criteria: { ...criteria, ...(compiled ? { custom_conditions: compiled } : {}) } },
        };
      }
      case "ai_ask":
        return { action_type: "ai_ask", ...head, config: { ...action.config, output: this.outputs(action.config.output, configPath) } };
      case "ai_think":
        return { action_type: "ai_think", ...head, config: { ...action.config, output: this.outputs(action.config.output, configPath) } };
      case "use_skill":
        return {
          action_type: "use_skill",
          ...head,
          config: { ...action.config, output: action.config.output.map(({ get, from }) => ({ get, from: from ?? get })) },
        };
      case "assess":
        return {
          action_type: "assess",
          ...head,
          config: { instrument: action.config.instrument, output_prefix: action.config.output_prefix ?? action.config.instrument },
        };
    }
  }

  private outputs(fields: OutputField[], configPath: string): CompiledOutputField[] {
    return fields.map((field, index) => ({ ...field, range: this.range(childPath(childPath(configPath, "output"), index)) }));
  }

  private declares(declares: Declare[], path: string): CompiledDeclare[] {
    return declares.map((declare, index) => ({ ...declare, range: this.range(childPath(childPath(path, "declare"), index)) }));
  }

  private triggers(triggers: Trigger[]): CompiledTrigger[] {
    return triggers.map(({ condition, resume_when, ...trigger }, index) => {
      const path = childPath("triggers", index);
      return { ...trigger, ...this.condition("condition", condition, path), ...this.condition("resume_when", resume_when, path), range: this.range(path) };
    });
  }

  /** `{[key]: compiled}` when the condition is present, `{}` otherwise (keeps JSON free of undefined). */
  private condition<K extends string>(key: K, text: string | undefined, parentPath: string): { [P in K]?: CompiledCondition } {
    if (text === undefined) return {};
    return { [key]: this.compiledCondition(text, childPath(parentPath, key)) } as { [P in K]?: CompiledCondition };
  }

  private compiledCondition(text: string, path: string): CompiledCondition {
    const ast = this.conditions.get(path);
    if (!ast) throw new Error(`condition at ${path} was not parsed`);
    return { text, ast, range: this.range(path) };
  }

  private range(path: string) {
    return this.map.range(this.map.valueSpan(path));
  }
}

function slug(text: string | undefined): string {
  return (text ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
}
