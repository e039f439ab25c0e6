/** The condition AST: plain JSON, stored inside compiled scripts and evaluated by the runtime. */

export type ConditionLiteral = string | number | boolean | null;

export type CompareOperator = "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in" | "contains" | "not contains";

export type ConditionNode =
  | { type: "literal"; value: ConditionLiteral }
  | { type: "variable"; name: string }
  | { type: "list"; items: ConditionNode[] }
  | { type: "not"; operand: ConditionNode }
  | { type: "and"; operands: ConditionNode[] }
  | { type: "or"; operands: ConditionNode[] }
  | { type: "compare"; operator: CompareOperator; left: ConditionNode; right: ConditionNode };

/** A variable named in a condition, with its offsets in the condition text (for diagnostics). */
export interface VariableReference {
  name: string;
  start: number;
  end: number;
}

export type ConditionParseResult =
  | { ok: true; ast: ConditionNode; variables: VariableReference[] }
  | { ok: false; message: string; start: number; end: number };
