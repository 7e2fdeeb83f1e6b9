import type { FormulaError } from "./ast";
import { formulaError, formulaPhrase } from "./formula-words";

export type Token =
  | { kind: "number"; text: string; value: string; position: number }
  | { kind: "string"; text: string; value: string; position: number }
  | { kind: "ident"; text: string; position: number }
  | { kind: "op"; text: string; position: number }
  | { kind: "end"; text: ""; position: number };

export type TokenizeOutcome = { ok: true; tokens: Token[] } | { ok: false; error: FormulaError };

const OPERATORS = ["<=", ">=", "!=", "+", "-", "*", "/", "%", "&", "=", "<", ">", "(", ")", ",", "."];
/** Operators from other languages, with what to write instead. */
const MISTAKES = new Map<string, string>([
  ["==", "useEquals"],
  ["<>", "useNotEqual"],
  ["&&", "useAnd"],
  ["||", "useOr"],
]);

const isDigit = (c: string) => c >= "0" && c <= "9";
const isIdentStart = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
const isIdentPart = (c: string) => isIdentStart(c) || isDigit(c) || c === "_";
const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r";

export function tokenize(source: string): TokenizeOutcome {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (position: number, key: string, values?: Record<string, unknown>): TokenizeOutcome => ({
    ok: false,
    error: formulaError(position, key, values),
  });

  while (i < source.length) {
    const c = source[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === "." && isDigit(source[i + 1] ?? ""))) {
      while (isDigit(source[i] ?? "")) i++;
      if (source[i] === ".") {
        i++;
        if (!isDigit(source[i] ?? "")) return fail(i, "digitsAfterPoint");
        while (isDigit(source[i] ?? "")) i++;
      }
      if (isIdentPart(source[i] ?? "")) return fail(i, "afterNumber", { character: source[i] });
      const text = source.slice(start, i);
      tokens.push({ kind: "number", text, value: text.startsWith(".") ? `0${text}` : text, position: start });
      continue;
    }
    if (c === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= source.length) return fail(start, "unterminatedString");
        const s = source[i];
        if (s === '"') break;
        if (s === "\\") {
          const next = source[i + 1];
          if (next !== '"' && next !== "\\") {
            return fail(i, "unknownEscape");
          }
          value += next;
          i += 2;
          continue;
        }
        value += s;
        i++;
      }
      i++;
      tokens.push({ kind: "string", text: source.slice(start, i), value, position: start });
      continue;
    }
    if (isIdentStart(c)) {
      while (isIdentPart(source[i] ?? "")) i++;
      tokens.push({ kind: "ident", text: source.slice(start, i), position: start });
      continue;
    }
    const two = source.slice(i, i + 2);
    const mistake = MISTAKES.get(two);
    if (mistake !== undefined) return fail(i, "unknownOperator", { operator: two, advice: formulaPhrase(mistake) });
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op !== undefined) {
      tokens.push({ kind: "op", text: op, position: i });
      i += op.length;
      continue;
    }
    if (c === "'") return fail(i, "singleQuotes");
    return fail(i, "unexpectedCharacter", { character: c });
  }
  tokens.push({ kind: "end", text: "", position: source.length });
  return { ok: true, tokens };
}
