/** Turns zod issues on the normalised tree into diagnostics an author can act on. */
import type { z } from "zod";
import type { DiagnosticCode } from "./diagnostics";
import type { Reporter } from "./report";
import { ACTION_TYPES, INSTRUMENTS } from "./schema";
import { formatPath } from "./source-map";
import { didYouMean } from "./suggest";

type Issue = z.core.$ZodIssue;

const MISSING_GUIDANCE: Record<string, string> = {
  session_id: "a unique id for the session, such as `cbt_first_assessment`",
  phase_id: "an id unique in the script, such as `rapport`",
  topic_id: "an id unique in the script, such as `welcome`",
  action_id: "an id unique in the script, such as `ask_name`",
  trigger_id: "an id for the trigger, such as `crisis`",
  action_type: `one of ${ACTION_TYPES.join(", ")}`,
  phases: "a list of phases",
  topics: "a list of topics",
  actions: "a list of actions",
  session: "the session itself",
  topic: "the technique's topic",
  skill: "the `technique_id` of the technique to run",
  instrument: `one of ${INSTRUMENTS.join(", ")}`,
  get: "the variable to store the result in",
  set: "the parameter to set",
  var: "the variable's name",
  on: "what fires the trigger: risk_high, risk_medium, keyword or condition",
  run: "what to run: `{skill: technique_id}` or `{topic: topic_id}`",
  name: "the parameter's name",
  value: "the value to pass",
};

const CONTENT_GUIDANCE: Record<string, string> = {
  ai_say: "what to say to the client",
  ai_ask: "the question to ask",
  ai_think: "the reasoning task",
};

const SINGULAR: Record<string, string> = { phases: "phase", topics: "topic", actions: "action" };

export function reportSchemaIssues(issues: readonly Issue[], root: unknown, report: Reporter): void {
  for (const issue of issues) reportIssue(issue, root, report);
}

function reportIssue(issue: Issue, root: unknown, report: Reporter): void {
  const path = formatPath(issue.path);
  const value = valueAt(root, issue.path);
  const field = fieldLabel(issue.path);
  const name = lastKey(issue.path);
  const emit = (code: DiagnosticCode, message: string) => report.value(code, path, message);
  switch (issue.code) {
    case "invalid_type": {
      if (value === undefined) {
        emit("missing-field", `\`${field}\` is required: ${guidanceFor(name, root, issue.path)}.`);
      } else {
        emit("invalid-type", `\`${field}\` must be ${expected(issue.expected)}, not ${describe(value)}.`);
      }
      return;
    }
    case "too_small":
      if (issue.origin === "array") {
        emit("empty-list", `\`${field}\` needs at least ${Number(issue.minimum) === 1 ? `one ${own(SINGULAR, name) ?? "item"}` : `${Number(issue.minimum)} items`}.`);
      } else {
        emit("invalid-value", `\`${field}\` must be at least ${Number(issue.minimum)}, not ${describe(value)}.`);
      }
      return;
    case "too_big":
      emit("invalid-value", `\`${field}\` must be at most ${Number(issue.maximum)}, not ${describe(value)}.`);
      return;
    case "invalid_value": {
      const allowed = issue.values.map(String);
      const suggestion = typeof value === "string" ? didYouMean(value, allowed) : "";
      const code: DiagnosticCode = name === "instrument" ? "unknown-instrument" : "invalid-value";
      emit(code, `\`${field}\` must be one of ${allowed.join(", ")}, not ${describe(value)}.${suggestion}`);
      return;
    }
    case "invalid_format":
      if (issue.format === "regex" && isIdField(name)) {
        emit("invalid-id", `\`${field}\` may only contain letters, digits and \`_\`; ${describe(value)} does not.${idSuggestion(value)}`);
      } else if (issue.format === "regex") {
        emit("invalid-name", `${describe(value)} is not a variable name: use letters (any script, e.g. \`用户称呼\`), digits and \`_\`, not starting with a digit.`);
      } else {
        emit("invalid-value", `\`${field}\` is not valid: ${issue.message}.`);
      }
      return;
    case "invalid_union":
      if (issue.discriminator === "action_type") {
        if (value === undefined) emit("missing-field", `\`action_type\` is required: one of ${ACTION_TYPES.join(", ")}.`);
        else {
          const suggestion = typeof value === "string" ? didYouMean(value, ACTION_TYPES) : "";
          emit("unknown-action-type", `Unknown action_type ${describe(value)}; use one of ${ACTION_TYPES.join(", ")}.${suggestion}`);
        }
        return;
      }
      emit("invalid-type", `\`${field}\` has a value of an unexpected kind: ${describe(value)}.`);
      return;
    case "unrecognized_keys":
      for (const key of issue.keys) report.key("unknown-field", formatPath([...issue.path, key]), `Unknown field \`${key}\`; it is ignored.`);
      return;
    default:
      emit("invalid-value", `\`${field}\`: ${issue.message}.`);
  }
}

function guidanceFor(name: string, root: unknown, path: readonly PropertyKey[]): string {
  if (name === "content") {
    const action = valueAt(root, path.slice(0, -2));
    const type = typeof action === "object" && action !== null ? (action as Record<string, unknown>).action_type : undefined;
    return own(CONTENT_GUIDANCE, String(type)) ?? "the text of the action";
  }
  return own(MISSING_GUIDANCE, name) ?? "add it";
}

/** A table lookup that never reaches Object.prototype (`constructor` is a valid YAML key). */
function own(table: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function isIdField(name: string): boolean {
  return name.endsWith("_id") || name === "skill" || name === "topic";
}

function idSuggestion(value: unknown): string {
  if (typeof value !== "string") return "";
  const fixed = value.trim().replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return fixed !== "" && fixed !== value ? ` Try \`${fixed}\`.` : "";
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function lastKey(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === "string") return String(path[i]);
  return "";
}

/** `max_rounds`, or `output[2]` for a list item. */
function fieldLabel(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  if (typeof last === "number") return `${String(path.at(-2) ?? "item")}[${last}]`;
  return last === undefined ? "the script" : String(last);
}

function expected(type: string): string {
  switch (type) {
    case "string":
      return "text";
    case "number":
      return "a number";
    case "int":
      return "a whole number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object":
      return "a mapping of `key: value` fields";
    default:
      return type;
  }
}

/** How a value reads in a message: text "abc", the number 3, a list, ... */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "empty";
  if (typeof value === "string") return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "number") return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`;
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return "a mapping";
}
