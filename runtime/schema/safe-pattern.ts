import safeRegex from "safe-regex2";
import { phrased, type Phrase } from "../i18n/words";
import { englishSchemaProblems } from "./problem-words";

/** Patterns run on every save, in the browser and on the server: keep them short and linear. */
export const MAX_PATTERN_LENGTH = 500;

/**
 * Why a text field's `pattern` is refused, or null when it is fine. Refused: invalid under the
 * `u` flag (how ajv compiles it), too long, backreferences, and anything prone to catastrophic
 * backtracking, which would let one crafted value stall the server.
 */
export function patternProblem(pattern: string): string | null {
  return patternRefusal(pattern)?.message ?? null;
}

/** `patternProblem` with its phrase (`schemaProblems.pattern*`) beside the English, for the schema validator. */
export function patternRefusal(pattern: string): { message: string; words: Phrase } | null {
  const refuse = (key: string, values: Record<string, unknown> = {}) => phrased(englishSchemaProblems, `schemaProblems.${key}`, values);
  const simpler = { key: "schemaProblems.patternSimpler" };
  if (pattern.length > MAX_PATTERN_LENGTH) return refuse("patternTooLong", { length: pattern.length, max: MAX_PATTERN_LENGTH });
  try {
    new RegExp(pattern, "u");
  } catch (e) {
    return refuse("patternInvalid", { why: e instanceof Error ? e.message : String(e) });
  }
  const found = scanPattern(pattern);
  if (found.backreference) return refuse("patternBackreference");
  if (found.nestedQuantifier) return refuse("patternNested", { simpler });
  if (found.overlappingAlternation) return refuse("patternOverlapping", { simpler });
  if (!safeRegex(pattern)) return refuse("patternCatastrophic", { simpler });
  return null;
}

interface ScanResult {
  backreference: boolean;
  nestedQuantifier: boolean;
  overlappingAlternation: boolean;
}

interface GroupFrame {
  /** Some quantifier applies somewhere inside this group. */
  hasQuantifier: boolean;
  /** First token of each top-level alternative: a literal char, "*" for anything wider, "" for empty. */
  firsts: string[];
  /** Whether the current alternative has produced its first token yet. */
  started: boolean;
}

/**
 * A small tokenizer over the pattern (already known to compile under `u`) that finds what
 * safe-regex2 does not: backreferences and repeated groups of overlapping alternatives. It also
 * flags nested quantifiers itself so the message can name the problem precisely.
 */
function scanPattern(p: string): ScanResult {
  const result: ScanResult = { backreference: false, nestedQuantifier: false, overlappingAlternation: false };
  const stack: GroupFrame[] = [{ hasQuantifier: false, firsts: [], started: false }];
  /** What the next quantifier would apply to. */
  let last: { kind: "atom" } | { kind: "group"; frame: GroupFrame } | null = null;

  const top = () => stack[stack.length - 1];
  const atom = (first: string) => {
    const frame = top();
    if (!frame.started) {
      frame.firsts.push(first);
      frame.started = true;
    }
    last = { kind: "atom" };
  };

  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === "\\") {
      const next = p[i + 1] ?? "";
      if (/[1-9]/.test(next) || next === "k") result.backreference = true;
      // A literal escape is a precise first char; a class escape (\d, \w, \p{…}) could overlap.
      atom(/[dDwWsSpPbB]/.test(next) ? "*" : `\\${next}`);
      i += 2;
      if ((next === "p" || next === "P") && p[i] === "{") i = p.indexOf("}", i) + 1;
      continue;
    }
    if (c === "[") {
      i = skipClass(p, i);
      atom("*");
      continue;
    }
    if (c === "(") {
      let j = i + 1;
      if (p[j] === "?") {
        if (p[j + 1] === "<" && p[j + 2] !== "=" && p[j + 2] !== "!") j = p.indexOf(">", j) + 1;
        else j += 2;
      }
      const frame: GroupFrame = { hasQuantifier: false, firsts: [], started: false };
      const parent = top();
      if (!parent.started) {
        parent.firsts.push("*");
        parent.started = true;
      }
      stack.push(frame);
      last = null;
      i = j;
      continue;
    }
    if (c === ")") {
      const frame = stack.pop() ?? { hasQuantifier: false, firsts: [], started: false };
      if (!frame.started) frame.firsts.push("");
      if (frame.hasQuantifier) top().hasQuantifier = true;
      last = { kind: "group", frame };
      i += 1;
      continue;
    }
    if (c === "|") {
      const frame = top();
      if (!frame.started) frame.firsts.push("");
      frame.started = false;
      last = null;
      i += 1;
      continue;
    }
    const quantifier = readQuantifier(p, i);
    if (quantifier) {
      const target: typeof last = last;
      if (target && target.kind === "group" && quantifier.repeats) {
        const inner = target.frame;
        if (inner.hasQuantifier) result.nestedQuantifier = true;
        if (inner.firsts.length > 1 && alternativesOverlap(inner.firsts)) result.overlappingAlternation = true;
      }
      top().hasQuantifier = true;
      last = null;
      i = quantifier.end;
      continue;
    }
    if (c === "^" || c === "$") last = null;
    else atom(c === "." ? "*" : c);
    i += 1;
  }
  return result;
}

function alternativesOverlap(firsts: string[]): boolean {
  const seen = new Set<string>();
  for (const f of firsts) {
    if (f === "*" || f === "" || seen.has(f)) return true;
    seen.add(f);
  }
  return false;
}

/** Index just past the character class that starts at `start`. */
function skipClass(p: string, start: number): number {
  let i = start + 1;
  if (p[i] === "^") i += 1;
  if (p[i] === "]") i += 1;
  while (i < p.length && p[i] !== "]") i += p[i] === "\\" ? 2 : 1;
  return i + 1;
}

/** A quantifier at `i`; `repeats` when it allows more than one occurrence. */
function readQuantifier(p: string, i: number): { end: number; repeats: boolean } | null {
  const c = p[i];
  let end: number;
  let repeats: boolean;
  if (c === "*" || c === "+" || c === "?") {
    end = i + 1;
    repeats = c !== "?";
  } else if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
    if (!m) return null;
    end = i + m[0].length;
    const max = m[2] === undefined ? Number(m[1]) : m[3] === "" ? Infinity : Number(m[3]);
    repeats = max > 1;
  } else return null;
  if (p[end] === "?") end += 1;
  return { end, repeats };
}
