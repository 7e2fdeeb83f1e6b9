import type { Phrase } from "../i18n/words";

/**
 * The parsed form of a formula: plain serializable objects. Names of references keep their
 * character offset in the source so renames can rewrite the text in place.
 */
export type BinaryOperator = "+" | "-" | "*" | "/" | "%" | "&" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "and" | "or";
export type UnaryOperator = "-" | "not";
export type AggregateFunction = "sum" | "avg" | "min" | "max" | "count";

/** A name as written in the source, with the offset of its first character. */
export interface NameRef {
  name: string;
  position: number;
}

export type FormulaAst =
  /** `value` keeps the literal's digits so arithmetic stays exact. */
  | { type: "number"; value: string; position: number }
  | { type: "string"; value: string; position: number }
  | { type: "boolean"; value: boolean; position: number }
  | { type: "null"; position: number }
  | { type: "field"; name: string; position: number }
  | { type: "unary"; op: UnaryOperator; operand: FormulaAst; position: number }
  | { type: "binary"; op: BinaryOperator; left: FormulaAst; right: FormulaAst; position: number }
  /** `name` is lower-cased: function names are case-insensitive. */
  | { type: "call"; name: string; args: FormulaAst[]; position: number }
  /** `field` is null only for `count(list)`. */
  | { type: "aggregate"; fn: AggregateFunction; list: NameRef; field: NameRef | null; position: number };

export interface FormulaError {
  /** In English, for the API, the CLI and the logs. */
  message: string;
  /** The same message as a catalog phrase, which a screen says in its reader's language. */
  words?: Phrase;
  /** Character offset in the source. */
  position: number;
}

export type ParseOutcome = { ok: true; ast: FormulaAst } | { ok: false; error: FormulaError };

/** Children of a node, for walkers that do not care about the node's kind. */
export function childrenOf(node: FormulaAst): FormulaAst[] {
  switch (node.type) {
    case "unary":
      return [node.operand];
    case "binary":
      return [node.left, node.right];
    case "call":
      return node.args;
    default:
      return [];
  }
}

export function walkFormula(node: FormulaAst, visit: (node: FormulaAst) => void): void {
  visit(node);
  for (const child of childrenOf(node)) walkFormula(child, visit);
}
