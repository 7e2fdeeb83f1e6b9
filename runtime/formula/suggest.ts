import type { Phrase } from "../i18n/words";
import { formulaPhrase } from "./formula-words";

/** Edit distance counting a swap of neighbours as one edit ("itmes" → "items"), for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Is `short` an abbreviation of `long`: same first letter, letters in order ("qty" of "quantity"). */
function isAbbreviation(short: string, long: string): boolean {
  if (short.length === 0 || short[0] !== long[0]) return false;
  let j = 0;
  for (const c of long) if (c === short[j]) j++;
  return j === short.length;
}

/** The candidate the user most likely meant, or undefined when none is close enough. */
export function closestName(typed: string, candidates: Iterable<string>): string | undefined {
  const wanted = typed.toLowerCase();
  let best: { name: string; score: number } | undefined;
  for (const name of candidates) {
    const lower = name.toLowerCase();
    const distance = editDistance(wanted, lower);
    let score: number | undefined;
    if (distance <= Math.max(1, Math.floor(Math.max(wanted.length, lower.length) / 3))) score = distance;
    else if (isAbbreviation(wanted, lower) || lower.startsWith(wanted) || wanted.startsWith(lower)) {
      score = 100 + Math.abs(lower.length - wanted.length);
    }
    if (score !== undefined && (best === undefined || score < best.score)) best = { name, score };
  }
  return best?.name;
}

/** `did you mean "x"?` or a list of what exists, to end an "unknown …" message. */
export function hintFor(typed: string, candidates: readonly string[], what: "fields" | "lists"): Phrase {
  const close = closestName(typed, candidates);
  if (close !== undefined) return formulaPhrase("didYouMean", { name: close });
  if (candidates.length === 0) return formulaPhrase(what === "fields" ? "noFields" : "noLists");
  const names = candidates.slice(0, 20).join(", ") + (candidates.length > 20 ? ", …" : "");
  return formulaPhrase(what === "fields" ? "knownFields" : "knownLists", { names });
}
