/** Static facts about a condition, for the validator: is it decided before the script runs? */
import type { ConditionNode } from "./ast";
import { evaluateCondition, isTruthy } from "./evaluate";

/**
 * `true`/`false` when the condition has the same value whatever the variables hold
 * (`false`, `1 == 2`, `x == 1 and false`), undefined when it depends on them.
 */
export function constantTruth(node: ConditionNode): boolean | undefined {
  switch (node.type) {
    case "literal":
      return isTruthy(node.value);
    case "list":
      return node.items.length > 0;
    case "variable":
      return undefined;
    case "not": {
      const inner = constantTruth(node.operand);
      return inner === undefined ? undefined : !inner;
    }
    case "and": {
      const values = node.operands.map(constantTruth);
      if (values.includes(false)) return false;
      return values.every((value) => value === true) ? true : undefined;
    }
    case "or": {
      const values = node.operands.map(constantTruth);
      if (values.includes(true)) return true;
      return values.every((value) => value === false) ? false : undefined;
    }
    case "compare":
      return hasVariable(node) ? undefined : evaluateCondition(node, () => undefined);
  }
}

function hasVariable(node: ConditionNode): boolean {
  switch (node.type) {
    case "variable":
      return true;
    case "literal":
      return false;
    case "list":
      return node.items.some(hasVariable);
    case "not":
      return hasVariable(node.operand);
    case "and":
    case "or":
      return node.operands.some(hasVariable);
    case "compare":
      return hasVariable(node.left) || hasVariable(node.right);
  }
}
