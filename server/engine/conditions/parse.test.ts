import { describe, expect, it } from "vitest";
import { MAX_CONDITION_DEPTH, MAX_CONDITION_LENGTH } from "../script/limits";
import { parseCondition } from "./parse";

function ast(text: string) {
  const result = parseCondition(text);
  if (!result.ok) throw new Error(`did not parse: ${result.message}`);
  return result.ast;
}

function failure(text: string) {
  const result = parseCondition(text);
  if (result.ok) throw new Error(`parsed unexpectedly: ${JSON.stringify(result.ast)}`);
  return result;
}

const v = (name: string) => ({ type: "variable", name });
const lit = (value: string | number | boolean | null) => ({ type: "literal", value });

describe("parseCondition", () => {
  it("parses comparisons with every operator", () => {
    for (const operator of ["==", "!=", "<", "<=", ">", ">="]) {
      expect(ast(`score ${operator} 10`)).toEqual({ type: "compare", operator, left: v("score"), right: lit(10) });
    }
  });

  it("binds not tighter than and, and tighter than or", () => {
    expect(ast("a or not b and c")).toEqual({
      type: "or",
      operands: [v("a"), { type: "and", operands: [{ type: "not", operand: v("b") }, v("c")] }],
    });
    expect(ast("a || !b && c")).toEqual(ast("a or not b and c"));
  });

  it("honours parentheses", () => {
    expect(ast("(a or b) and c")).toEqual({ type: "and", operands: [{ type: "or", operands: [v("a"), v("b")] }, v("c")] });
  });

  it("reads string, number, boolean and null literals", () => {
    expect(ast(`mood == 'low'`)).toMatchObject({ right: lit("low") });
    expect(ast(`mood == "it's fine"`)).toMatchObject({ right: lit("it's fine") });
    expect(ast(`x == 'say \\'hi\\''`)).toMatchObject({ right: lit("say 'hi'") });
    expect(ast("x == -2.5")).toMatchObject({ right: lit(-2.5) });
    expect(ast("x == 1_000")).toMatchObject({ right: lit(1000) });
    expect(ast("x == True")).toMatchObject({ right: lit(true) });
    expect(ast("x != null")).toMatchObject({ right: lit(null) });
  });

  it("reads in, not in, contains and not contains with list literals", () => {
    expect(ast("band in ['moderate', 'severe']")).toEqual({
      type: "compare",
      operator: "in",
      left: v("band"),
      right: { type: "list", items: [lit("moderate"), lit("severe")] },
    });
    expect(ast("band not in []")).toMatchObject({ operator: "not in", right: { type: "list", items: [] } });
    expect(ast("reply contains 'sleep'")).toMatchObject({ operator: "contains" });
    expect(ast("reply not contains 'sleep'")).toMatchObject({ operator: "not contains" });
  });

  it("accepts ${name}, dotted names and non-ASCII names, and lists the variables with offsets", () => {
    const result = parseCondition("${user_name} != '' and profile.age >= 18 and 情绪 == 'ok'");
    expect(result.ok && result.variables).toEqual([
      { name: "user_name", start: 0, end: 12 },
      { name: "profile.age", start: 23, end: 34 },
      { name: "情绪", start: 45, end: 47 },
    ]);
  });

  it("treats a leading minus after an operator as a negative number, not subtraction", () => {
    expect(ast("delta > -1")).toMatchObject({ right: lit(-1) });
  });

  it("explains common mistakes at their position", () => {
    expect(failure("mood = 'low'")).toMatchObject({ message: "A single `=` is not a comparison; write `==`.", start: 5, end: 6 });
    expect(failure("a === b")).toMatchObject({ message: "Write `==` instead of `===`.", start: 2 });
    expect(failure("a & b")).toMatchObject({ message: expect.stringContaining("`&&`"), start: 2 });
    expect(failure("(a or b")).toMatchObject({ message: "This `(` is never closed.", start: 0, end: 1 });
    expect(failure("a or b)")).toMatchObject({ message: "This `)` has no matching `(`.", start: 6 });
    expect(failure("mood == 'low")).toMatchObject({ message: "The text starting here has no closing '.", start: 8 });
    expect(failure("1 < x < 3")).toMatchObject({ message: expect.stringContaining("cannot be chained"), start: 6 });
    expect(failure("a ==")).toMatchObject({ message: "The condition ends where a value is expected." });
    expect(failure("")).toMatchObject({ message: "The condition is empty." });
    expect(failure("and x")).toMatchObject({ message: "Expected a value before `and`." });
    expect(failure("x == @")).toMatchObject({ message: "Unexpected character `@` in the condition.", start: 5 });
    expect(failure("${1x} == 2")).toMatchObject({ message: expect.stringContaining("`${` must be followed by a variable name") });
    expect(failure("a b")).toMatchObject({ message: "Expected `and`, `or` or the end of the condition, found `b`.", start: 2 });
  });

  it("refuses conditions that are too long or too deeply nested, without overflowing the stack", () => {
    expect(failure("x".repeat(MAX_CONDITION_LENGTH + 1)).message).toContain(`longer than ${MAX_CONDITION_LENGTH}`);
    expect(failure(`${"(".repeat(MAX_CONDITION_DEPTH + 1)}x${")".repeat(MAX_CONDITION_DEPTH + 1)}`).message).toContain("nests more than");
    expect(failure("not ".repeat(MAX_CONDITION_DEPTH + 1) + "x").message).toContain("nests more than");
    expect(parseCondition(`${"(".repeat(MAX_CONDITION_DEPTH)}x${")".repeat(MAX_CONDITION_DEPTH)}`).ok).toBe(true);
  });

  it("produces plain JSON", () => {
    const tree = ast("a in [1, 'b', true] and not (c contains 'd')");
    expect(JSON.parse(JSON.stringify(tree))).toEqual(tree);
  });
});
