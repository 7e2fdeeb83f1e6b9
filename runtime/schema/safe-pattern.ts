import safeRegex from "safe-regex2";

/** Patterns run on every save, in the browser and on the server: keep them short and linear. */
export const MAX_PATTERN_LENGTH = 500;

const SIMPLER =
  "write it without a repeated group that itself repeats or offers overlapping choices, e.g. ^[A-Z]{2}[0-9]{4,10}$ instead of ^([A-Z]+[0-9]*)+$";

/**
 * Why a text field's `pattern` is refused, or null when it is fine. Refused: invalid under the
 * `u` flag (how ajv compiles it), too long, backreferences, and anything prone to catastrophic
 * backtracking, which would let one crafted value stall the server.
 */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `pattern is ${pattern.length} characters long; keep it at most ${MAX_PATTERN_LENGTH}`;
  try {
    new RegExp(pattern, "u");
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return `pattern is not a valid regular expression (${why}); check brackets, parentheses and escapes`;
  }
  const found = scanPattern(pattern);
  if (found.backreference)
    return "pattern uses a backreference (\\1 or \\k<name>), which can take exponential time; repeat the sub-pattern explicitly instead";
  if (found.nestedQuantifier)
    return `pattern repeats a group that already contains a repetition (like (a+)+), which can take exponential time on a non-matching value; ${SIMPLER}`;
  if (found.overlappingAlternation)
    return `pattern repeats a group of alternatives that can match the same text (like (a|a)*), which can take exponential time on a non-matching value; merge the alternatives into one character class such as [ab]* or ${SIMPLER}`;
  if (!safeRegex(pattern)) return `pattern is prone to catastrophic backtracking (too many or nested repetitions); ${SIMPLER}`;
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
