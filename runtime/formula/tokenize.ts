import type { FormulaError } from "./ast";

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
  ["==", 'use "=" to compare'],
  ["<>", 'use "!=" for "not equal"'],
  ["&&", 'use "and"'],
  ["||", 'use "or"'],
]);

const isDigit = (c: string) => c >= "0" && c <= "9";
const isIdentStart = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
const isIdentPart = (c: string) => isIdentStart(c) || isDigit(c) || c === "_";
const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r";

export function tokenize(source: string): TokenizeOutcome {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string, position: number): TokenizeOutcome => ({ ok: false, error: { message, position } });

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
        if (!isDigit(source[i] ?? "")) return fail("expected digits after the decimal point", i);
        while (isDigit(source[i] ?? "")) i++;
      }
      if (isIdentPart(source[i] ?? "")) return fail(`unexpected "${source[i]}" after the number`, i);
      const text = source.slice(start, i);
      tokens.push({ kind: "number", text, value: text.startsWith(".") ? `0${text}` : text, position: start });
      continue;
    }
    if (c === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= source.length) return fail('unterminated string: add the closing "', start);
        const s = source[i];
        if (s === '"') break;
        if (s === "\\") {
          const next = source[i + 1];
          if (next !== '"' && next !== "\\") {
            return fail('unknown escape in string: only \\" and \\\\ are allowed', i);
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
    if (mistake !== undefined) return fail(`unknown operator "${two}": ${mistake}`, i);
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op !== undefined) {
      tokens.push({ kind: "op", text: op, position: i });
      i += op.length;
      continue;
    }
    if (c === "'") return fail('strings use double quotes: "text"', i);
    return fail(`unexpected character "${c}"`, i);
  }
  tokens.push({ kind: "end", text: "", position: source.length });
  return { ok: true, tokens };
}
