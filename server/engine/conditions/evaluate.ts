/**
 * Evaluates a condition AST against variable values. Semantics, chosen so that a missing value
 * never makes a script misbehave silently:
 * - An unset variable (lookup returns undefined) behaves as null: it equals only `null`; every
 *   ordering (`<`, `>=`, ...), `in` and `contains` comparison with it is false; `!=` is always the
 *   negation of `==`, so `risk_level != 'high'` is true while risk_level is unset.
 * - Numbers and numeric text compare as numbers (`score >= 10` works when score is "12");
 *   `true`/`false` text equals the boolean. Other text compares exactly (case matters).
 * - `contains` is a case-insensitive text search, or membership for lists; `in` is its mirror.
 * - Truthiness (a bare `wants_homework`): unset, null, false, 0, blank text and empty lists are false.
 */
import type { ConditionNode } from "./ast";

export type VariableLookup = (name: string) => unknown;

export function evaluateCondition(ast: ConditionNode, lookup: VariableLookup): boolean {
  return isTruthy(valueOf(ast, lookup));
}

function valueOf(node: ConditionNode, lookup: VariableLookup): unknown {
  switch (node.type) {
    case "literal":
      return node.value;
    case "variable":
      return lookup(node.name) ?? null;
    case "list":
      return node.items.map((item) => valueOf(item, lookup));
    case "not":
      return !isTruthy(valueOf(node.operand, lookup));
    case "and":
      return node.operands.every((operand) => isTruthy(valueOf(operand, lookup)));
    case "or":
      return node.operands.some((operand) => isTruthy(valueOf(operand, lookup)));
    case "compare": {
      const left = valueOf(node.left, lookup);
      const right = valueOf(node.right, lookup);
      switch (node.operator) {
        case "==":
          return looselyEqual(left, right);
        case "!=":
          return !looselyEqual(left, right);
        case "<":
        case "<=":
        case ">":
        case ">=":
          return ordered(node.operator, left, right);
        case "in":
          return contains(right, left);
        case "not in":
          return left !== null && right !== null && !contains(right, left);
        case "contains":
          return contains(left, right);
        case "not contains":
          return left !== null && right !== null && !contains(left, right);
      }
    }
  }
}

export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && value.trim() !== "") {
    const number = Number(value.trim());
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}

function looselyEqual(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === typeof b && typeof a !== "object") return a === b;
  if (typeof a === "number" || typeof b === "number") {
    const x = asNumber(a);
    const y = asNumber(b);
    return x !== undefined && x === y;
  }
  if (typeof a === "boolean" && typeof b === "string") return String(a) === b.trim().toLowerCase();
  if (typeof b === "boolean" && typeof a === "string") return String(b) === a.trim().toLowerCase();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => looselyEqual(item, b[i]));
  if (typeof a === "object" && typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function ordered(operator: "<" | "<=" | ">" | ">=", a: unknown, b: unknown): boolean {
  const x = asNumber(a);
  const y = asNumber(b);
  let order: number;
  if (x !== undefined && y !== undefined) order = x - y;
  else if (typeof a === "string" && typeof b === "string") order = a < b ? -1 : a > b ? 1 : 0;
  else return false;
  switch (operator) {
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
  }
}

/** Whether `container` (a list, or text) holds `item`. */
function contains(container: unknown, item: unknown): boolean {
  if (container === null || item === null) return false;
  if (Array.isArray(container)) return container.some((element) => looselyEqual(element, item));
  if (typeof container === "string" && (typeof item === "string" || typeof item === "number")) {
    return container.toLowerCase().includes(String(item).toLowerCase());
  }
  return false;
}
