import type { Phrase } from "../i18n/words";
import type { BinaryOperator, FormulaAst, FormulaError, ParseOutcome } from "./ast";
import { formulaError, formulaPhrase } from "./formula-words";
import { KNOWN_FUNCTION_NAMES, SCALAR_FUNCTIONS, arityPhrase, isAggregateFunction } from "./functions";
import { closestName } from "./suggest";
import { tokenize, type Token } from "./tokenize";

/** Binding strength of infix operators; higher binds tighter. */
const INFIX_PRECEDENCE = new Map<string, number>([
  ["or", 1],
  ["and", 2],
  ["=", 4],
  ["!=", 4],
  ["<", 4],
  ["<=", 4],
  [">", 4],
  [">=", 4],
  ["&", 5],
  ["+", 6],
  ["-", 6],
  ["*", 7],
  ["/", 7],
  ["%", 7],
]);
const COMPARISON = 4;
/** `not x = y` negates the comparison; `not a and b` negates only `a`. */
const NOT_OPERAND_MIN = 2;
const UNARY_MINUS_OPERAND_MIN = 7;
/** Deep enough for any real formula, shallow enough that recursion never exhausts the stack. */
const MAX_DEPTH = 200;

const KEYWORDS = new Set(["and", "or", "not", "true", "false", "null"]);

class ParseFailure {
  constructor(readonly error: FormulaError) {}
}

/** Turns formula text into an AST, or the first error with its character offset. Never throws. */
export function parseFormula(source: string): ParseOutcome {
  if (typeof source !== "string") return { ok: false, error: formulaError(0, "notText") };
  const tokenized = tokenize(source);
  if (!tokenized.ok) return tokenized;
  if (tokenized.tokens.length === 1) return { ok: false, error: formulaError(0, "empty") };
  try {
    const parser = new Parser(tokenized.tokens);
    const ast = parser.parseExpression(0);
    parser.expectEnd();
    return { ok: true, ast };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}

function describe(token: Token): Phrase {
  return token.kind === "end" ? formulaPhrase("endOfFormula") : formulaPhrase("quoted", { text: token.text });
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private fail(position: number, key: string, values?: Record<string, unknown>): never {
    throw new ParseFailure(formulaError(position, key, values));
  }

  private isOp(token: Token, text: string): boolean {
    return token.kind === "op" && token.text === text;
  }

  private keyword(token: Token): string | undefined {
    if (token.kind !== "ident") return undefined;
    const lower = token.text.toLowerCase();
    return KEYWORDS.has(lower) ? lower : undefined;
  }

  private expectOp(text: string, context: Phrase): Token {
    const token = this.peek();
    if (!this.isOp(token, text)) this.fail(token.position, "expected", { operator: text, context, found: describe(token) });
    return this.next();
  }

  /** A missing ")" at the end is reported at its "(", which is what the user has to find. */
  private expectClose(open: Token, context: Phrase): void {
    const token = this.peek();
    if (token.kind === "end") this.fail(open.position, "missingClose", { context });
    this.expectOp(")", context);
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind === "end") return;
    if (this.isOp(token, ")")) this.fail(token.position, "unmatchedClose");
    this.fail(token.position, "expectedOperator", { found: describe(token) });
  }

  private enter(position: number): void {
    if (++this.depth > MAX_DEPTH) this.fail(position, "tooDeep");
  }

  private infixOperator(token: Token): string | undefined {
    if (token.kind === "op") return INFIX_PRECEDENCE.has(token.text) ? token.text : undefined;
    const word = this.keyword(token);
    return word === "and" || word === "or" ? word : undefined;
  }

  /** Parses operators binding tighter than `minPrecedence`; all binary operators are left-associative. */
  parseExpression(minPrecedence: number): FormulaAst {
    this.enter(this.peek().position);
    let left = this.parsePrefix();
    let comparedAlready = false;
    for (;;) {
      const token = this.peek();
      const op = this.infixOperator(token);
      const precedence = op === undefined ? undefined : INFIX_PRECEDENCE.get(op);
      if (op === undefined || precedence === undefined || precedence <= minPrecedence) break;
      if (precedence === COMPARISON && comparedAlready) {
        this.fail(token.position, "chainedComparison");
      }
      this.next();
      const right = this.parseExpression(precedence);
      left = { type: "binary", op: op as BinaryOperator, left, right, position: token.position };
      comparedAlready = precedence === COMPARISON;
    }
    this.depth--;
    return left;
  }

  private parsePrefix(): FormulaAst {
    const token = this.peek();
    if (this.isOp(token, "-")) {
      this.next();
      return { type: "unary", op: "-", operand: this.parseExpression(UNARY_MINUS_OPERAND_MIN), position: token.position };
    }
    if (this.keyword(token) === "not") {
      this.next();
      return { type: "unary", op: "not", operand: this.parseExpression(NOT_OPERAND_MIN), position: token.position };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): FormulaAst {
    const token = this.next();
    switch (token.kind) {
      case "number":
        return { type: "number", value: token.value, position: token.position };
      case "string":
        return { type: "string", value: token.value, position: token.position };
      case "ident":
        return this.parseName(token);
      case "op":
        if (token.text === "(") {
          const inner = this.parseExpression(0);
          this.expectClose(token, formulaPhrase("toCloseParenthesis", { position: token.position }));
          return inner;
        }
        return this.fail(token.position, "expectedValue", { found: describe(token) });
      case "end":
        return this.fail(token.position, "expectedValue", { found: describe(token) });
    }
  }

  private parseName(token: Token): FormulaAst {
    const word = this.keyword(token);
    if (word === "true" || word === "false") return { type: "boolean", value: word === "true", position: token.position };
    if (word === "null") return { type: "null", position: token.position };
    if (word !== undefined) this.fail(token.position, "expectedValue", { found: describe(token) });
    if (this.isOp(this.peek(), "(")) return this.parseCall(token);
    if (this.isOp(this.peek(), ".")) {
      const field = this.peek(1);
      const path = field.kind === "ident" ? `${token.text}.${field.text}` : `${token.text}.`;
      this.fail(token.position, "listPath", { path });
    }
    return { type: "field", name: token.text, position: token.position };
  }

  private parseCall(nameToken: Token): FormulaAst {
    const name = nameToken.text.toLowerCase();
    const position = nameToken.position;
    const scalar = SCALAR_FUNCTIONS.get(name);
    if (scalar === undefined && !isAggregateFunction(name)) {
      const close = closestName(name, KNOWN_FUNCTION_NAMES);
      const functions = KNOWN_FUNCTION_NAMES.join(", ");
      this.fail(position, close ? "unknownFunctionClose" : "unknownFunction", { name: nameToken.text, close, functions });
    }
    this.expectOp("(", formulaPhrase("afterName", { name }));
    const aggregate = this.tryAggregate(name, position);
    if (aggregate) return aggregate;
    if (name === "count") {
      this.fail(this.peek().position, "countTakesList");
    }
    if (name === "sum" || name === "avg") {
      this.fail(this.peek().position, "takesListField", { name });
    }
    const args: FormulaAst[] = [];
    if (!this.isOp(this.peek(), ")")) {
      for (;;) {
        args.push(this.parseExpression(0));
        if (!this.isOp(this.peek(), ",")) break;
        this.next();
      }
    }
    this.expectClose(nameToken, formulaPhrase("toCloseCall", { name }));
    const arity = SCALAR_FUNCTIONS.get(name);
    if (arity && (args.length < arity.min || args.length > arity.max)) {
      const orList = name === "min" || name === "max";
      this.fail(position, orList ? "arityOrListGot" : "arityGot", { arity: arityPhrase(name, arity), name, given: args.length });
    }
    return { type: "call", name, args, position };
  }

  /** `list.field )` or, for count, `list )` right after the opening parenthesis. */
  private tryAggregate(name: string, position: number): FormulaAst | undefined {
    if (!isAggregateFunction(name)) return undefined;
    const list = this.peek();
    if (list.kind !== "ident" || this.keyword(list) !== undefined) return undefined;
    if (name === "count" && this.isOp(this.peek(1), ")")) {
      this.index += 2;
      return { type: "aggregate", fn: "count", list: { name: list.text, position: list.position }, field: null, position };
    }
    const field = this.peek(2);
    if (!this.isOp(this.peek(1), ".") || field.kind !== "ident" || !this.isOp(this.peek(3), ")")) return undefined;
    if (name === "count") {
      this.fail(field.position, "countOnlyList", { list: list.text });
    }
    this.index += 4;
    return {
      type: "aggregate",
      fn: name,
      list: { name: list.text, position: list.position },
      field: { name: field.text, position: field.position },
      position,
    };
  }
}
