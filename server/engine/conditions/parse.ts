/**
 * A small recursive-descent parser for script conditions. Never evaluates code: the result is
 * a plain JSON AST. Grammar (lowest precedence first):
 *
 *   or      := and (("or" | "||") and)*
 *   and     := not (("and" | "&&") not)*
 *   not     := ("not" | "!") not | compare
 *   compare := operand (("==" | "!=" | "<" | "<=" | ">" | ">=" | ["not"] "in" | ["not"] "contains") operand)?
 *   operand := literal | variable | "${" name "}" | "[" (or ("," or)*)? "]" | "(" or ")"
 */
import { MAX_CONDITION_DEPTH, MAX_CONDITION_LENGTH } from "../script/limits";
import { normaliseName } from "../script/names";
import type { CompareOperator, ConditionLiteral, ConditionNode, ConditionParseResult, VariableReference } from "./ast";

type TokenKind = "number" | "string" | "word" | "placeholder" | "op" | "end";

interface Token {
  kind: TokenKind;
  text: string;
  /** Decoded value for strings and numbers, variable name for placeholders. */
  value: string | number;
  start: number;
  end: number;
}

class ConditionSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

const KEYWORDS = new Set(["and", "or", "not", "in", "contains", "true", "false", "null"]);
const COMPARISONS = new Set(["==", "!=", "<", "<=", ">", ">="]);
const NAME_START = /^[\p{ID_Start}_]$/u;
const NAME_PART = /^[\p{ID_Continue}_.]$/u;

export function parseCondition(text: string): ConditionParseResult {
  if (text.length > MAX_CONDITION_LENGTH) {
    return { ok: false, message: `The condition is longer than ${MAX_CONDITION_LENGTH} characters.`, start: 0, end: text.length };
  }
  try {
    const parser = new Parser(text, tokenize(text));
    const ast = parser.parse();
    return { ok: true, ast, variables: parser.variables };
  } catch (error) {
    if (error instanceof ConditionSyntaxError) return { ok: false, message: error.message, start: error.start, end: error.end };
    throw error;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"') {
      let value = "";
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (i >= text.length) throw new ConditionSyntaxError(`The text starting here has no closing ${c}.`, start, text.length);
      i++;
      tokens.push({ kind: "string", text: text.slice(start, i), value, start, end: i });
    } else if (/[0-9]/.test(c) || (c === "-" && /[0-9]/.test(text[i + 1] ?? "") && startsOperand(tokens))) {
      i++;
      while (i < text.length && /[0-9_]/.test(text[i]!)) i++;
      if (text[i] === "." && /[0-9]/.test(text[i + 1] ?? "")) {
        i++;
        while (i < text.length && /[0-9]/.test(text[i]!)) i++;
      }
      const raw = text.slice(start, i);
      tokens.push({ kind: "number", text: raw, value: Number(raw.replaceAll("_", "")), start, end: i });
    } else if (c === "$" && text[i + 1] === "{") {
      const close = text.indexOf("}", i);
      const name = close < 0 ? "" : text.slice(i + 2, close).trim();
      if (close < 0 || !isName(name)) {
        throw new ConditionSyntaxError("`${` must be followed by a variable name and `}`, as in `${mood}`.", start, close < 0 ? text.length : close + 1);
      }
      i = close + 1;
      tokens.push({ kind: "placeholder", text: text.slice(start, i), value: name, start, end: i });
    } else if (NAME_START.test(codePointAt(text, i))) {
      // Names are Unicode identifiers (`用户称呼`); step by code point so any script reads whole.
      while (i < text.length) {
        const char = codePointAt(text, i);
        if (!NAME_PART.test(char)) break;
        i += char.length;
      }
      const word = text.slice(start, i).replace(/\.+$/, "");
      i = start + word.length;
      tokens.push({ kind: "word", text: word, value: word, start, end: i });
    } else {
      const two = text.slice(i, i + 2);
      const three = text.slice(i, i + 3);
      if (three === "===" || three === "!==") {
        throw new ConditionSyntaxError(`Write \`${three.slice(0, 2)}\` instead of \`${three}\`.`, start, start + 3);
      }
      if (["==", "!=", "<=", ">=", "&&", "||"].includes(two)) {
        tokens.push({ kind: "op", text: two, value: two, start, end: i + 2 });
        i += 2;
      } else if ("<>!()[],".includes(c)) {
        tokens.push({ kind: "op", text: c, value: c, start, end: i + 1 });
        i++;
      } else if (c === "=") {
        throw new ConditionSyntaxError("A single `=` is not a comparison; write `==`.", start, start + 1);
      } else if (c === "&" || c === "|") {
        throw new ConditionSyntaxError(`Write \`${c}${c}\` (or \`${c === "&" ? "and" : "or"}\`) instead of a single \`${c}\`.`, start, start + 1);
      } else {
        throw new ConditionSyntaxError(`Unexpected character \`${c}\` in the condition.`, start, start + 1);
      }
    }
  }
  tokens.push({ kind: "end", text: "", value: "", start: text.length, end: text.length });
  return tokens;
}

/** A `-` directly before a digit is a negative number when a value is expected here. */
function startsOperand(tokens: Token[]): boolean {
  const last = tokens.at(-1);
  if (!last) return true;
  if (last.kind === "op") return last.text !== ")" && last.text !== "]";
  return last.kind === "word" && KEYWORDS.has(last.text.toLowerCase()) && !["true", "false", "null"].includes(last.text.toLowerCase());
}

function isName(text: string): boolean {
  const chars = [...text];
  return chars.length > 0 && NAME_START.test(chars[0]!) && chars.every((c) => NAME_PART.test(c));
}

/** The whole character (one or two UTF-16 units) at `index`. */
function codePointAt(text: string, index: number): string {
  return String.fromCodePoint(text.codePointAt(index) ?? 0);
}

class Parser {
  readonly variables: VariableReference[] = [];
  private index = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  parse(): ConditionNode {
    const first = this.peek();
    if (first.kind === "end") throw new ConditionSyntaxError("The condition is empty.", 0, this.text.length);
    const node = this.or();
    const rest = this.peek();
    if (rest.kind !== "end") {
      const hint = rest.text === ")" ? "This `)` has no matching `(`." : `Expected \`and\`, \`or\` or the end of the condition, found \`${rest.text}\`.`;
      throw new ConditionSyntaxError(hint, rest.start, rest.end);
    }
    return node;
  }

  private or(): ConditionNode {
    const operands = [this.and()];
    while (this.isWord("or") || this.isOp("||")) {
      this.next();
      operands.push(this.and());
    }
    return operands.length === 1 ? operands[0]! : { type: "or", operands };
  }

  private and(): ConditionNode {
    const operands = [this.not()];
    while (this.isWord("and") || this.isOp("&&")) {
      this.next();
      operands.push(this.not());
    }
    return operands.length === 1 ? operands[0]! : { type: "and", operands };
  }

  private not(): ConditionNode {
    if ((this.isWord("not") && !this.isWordAt(1, "in") && !this.isWordAt(1, "contains")) || this.isOp("!")) {
      const token = this.next();
      return this.nested(token, () => ({ type: "not", operand: this.not() }));
    }
    return this.compare();
  }

  private compare(): ConditionNode {
    const left = this.operand();
    const operator = this.comparisonOperator();
    if (!operator) return left;
    const right = this.operand();
    const after = this.peek();
    if (after.kind === "op" && COMPARISONS.has(after.text)) {
      throw new ConditionSyntaxError("Comparisons cannot be chained; join them with `and`, as in `a < b and b < c`.", after.start, after.end);
    }
    return { type: "compare", operator, left, right };
  }

  private comparisonOperator(): CompareOperator | undefined {
    const token = this.peek();
    if (token.kind === "op" && COMPARISONS.has(token.text)) {
      this.next();
      return token.text as CompareOperator;
    }
    if (this.isWord("in") || this.isWord("contains")) {
      this.next();
      return token.text.toLowerCase() as CompareOperator;
    }
    if (this.isWord("not") && (this.isWordAt(1, "in") || this.isWordAt(1, "contains"))) {
      this.next();
      const second = this.next();
      return `not ${second.text.toLowerCase()}` as CompareOperator;
    }
    return undefined;
  }

  private operand(): ConditionNode {
    const token = this.next();
    switch (token.kind) {
      case "number":
        return { type: "literal", value: token.value };
      case "string":
        return { type: "literal", value: token.value };
      case "placeholder":
        return this.variable(normaliseName(String(token.value)), token);
      case "word": {
        const lower = token.text.toLowerCase();
        if (lower === "true" || lower === "false") return { type: "literal", value: lower === "true" };
        if (lower === "null") return { type: "literal", value: null as ConditionLiteral };
        if (KEYWORDS.has(lower)) throw new ConditionSyntaxError(`Expected a value before \`${token.text}\`.`, token.start, token.end);
        return this.variable(normaliseName(token.text), token);
      }
      case "op":
        if (token.text === "(") {
          return this.nested(token, () => {
            const inner = this.or();
            const close = this.next();
            if (close.text !== ")" || close.kind !== "op") {
              throw new ConditionSyntaxError("This `(` is never closed.", token.start, token.end);
            }
            return inner;
          });
        }
        if (token.text === "[") return this.nested(token, () => this.list(token));
        throw new ConditionSyntaxError(`Expected a value, found \`${token.text}\`.`, token.start, token.end);
      case "end":
        throw new ConditionSyntaxError("The condition ends where a value is expected.", token.start, token.end);
    }
  }

  private list(open: Token): ConditionNode {
    const items: ConditionNode[] = [];
    if (this.isOp("]")) {
      this.next();
      return { type: "list", items };
    }
    for (;;) {
      items.push(this.or());
      const token = this.next();
      if (token.kind === "op" && token.text === "]") return { type: "list", items };
      if (token.kind !== "op" || token.text !== ",") {
        throw new ConditionSyntaxError("This list is not closed: expected `,` or `]`.", open.start, token.end);
      }
    }
  }

  private variable(name: string, token: Token): ConditionNode {
    this.variables.push({ name, start: token.start, end: token.end });
    return { type: "variable", name };
  }

  private nested(token: Token, parse: () => ConditionNode): ConditionNode {
    if (++this.depth > MAX_CONDITION_DEPTH) {
      throw new ConditionSyntaxError(`The condition nests more than ${MAX_CONDITION_DEPTH} levels deep.`, token.start, token.end);
    }
    const node = parse();
    this.depth--;
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private isWord(word: string): boolean {
    return this.isWordAt(0, word);
  }

  private isWordAt(offset: number, word: string): boolean {
    const token = this.peek(offset);
    return token.kind === "word" && token.text.toLowerCase() === word;
  }

  private isOp(op: string): boolean {
    const token = this.peek();
    return token.kind === "op" && token.text === op;
  }
}
