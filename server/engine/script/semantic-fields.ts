/**
 * Rules a declaration, a technique parameter or an action's output field must meet on its own,
 * whatever the rest of the script says: no name declared twice at one level, an enum lists its
 * values, a pattern is a valid regular expression.
 */
import type { Obj } from "./normalise";
import type { Reporter } from "./report";
import { asString, itemsOf } from "./semantic-tree";
import { childPath } from "./source-map";

/** Checks a level's `declare` list (`scope` names the level); returns the names it declares. */
export function checkDeclarations(report: Reporter, level: Obj, path: string, scope: string): Set<string> {
  const names = new Set<string>();
  for (const [declare, declarePath] of itemsOf(level, "declare", path)) {
    requireEnumValues(report, declare, declarePath);
    const name = asString(declare.var);
    if (name === undefined) continue;
    if (names.has(name)) report.value("duplicate-declaration", childPath(declarePath, "var"), `\`${name}\` is declared twice in this ${scope}.`);
    names.add(name);
  }
  return names;
}

/** Checks a technique's `input_parameters`; returns the names it takes. */
export function checkParameters(report: Reporter, file: Obj): Set<string> {
  const parameters = new Set<string>();
  for (const [parameter, path] of itemsOf(file, "input_parameters", "")) {
    const name = asString(parameter.name);
    if (name === undefined) continue;
    if (parameters.has(name)) report.value("duplicate-declaration", childPath(path, "name"), `The parameter \`${name}\` is declared twice.`);
    parameters.add(name);
  }
  return parameters;
}

export function checkOutputField(report: Reporter, field: Obj, path: string): void {
  const pattern = asString(field.pattern);
  if (pattern !== undefined) {
    try {
      new RegExp(pattern, "u");
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : "invalid";
      report.value("invalid-pattern", childPath(path, "pattern"), `\`pattern\` is not a valid regular expression: ${reason}.`);
    }
  } else if (field.extraction_method === "pattern") {
    report.value("missing-pattern", childPath(path, "extraction_method"), "`extraction_method: pattern` needs a `pattern` (a regular expression whose first group is the value).");
  }
  requireEnumValues(report, field, path);
}

/** A declaration or output field of `type: enum` must list the values it allows. */
function requireEnumValues(report: Reporter, item: Obj, path: string): void {
  if (item.type === "enum" && !Array.isArray(item.values)) {
    report.value("enum-without-values", childPath(path, "type"), "`type: enum` needs `values`: the list of allowed values.");
  }
}
