import { Tokenizer, TypeGuards } from "liquidjs";
import { cleanTemplate, SELF_CLOSING, urlSurvives } from "./sanitize";

/**
 * When a filled-in document need not go through the sanitizer again (docs/decisions/016-print-html-sanitizer.md, "Filled once").
 *
 * A template part that is exactly what the sanitizer keeps of it (saved templates are: they are
 * cleaned when saved) and whose Liquid prints nothing unescaped can only ever give the markup the
 * sanitizer already allowed, with escaped text in its text and attribute values: every `<`, `>`,
 * `"`, `'` and `&` a record brings comes out as an entity, so it can open no tag and leave no
 * attribute. What escaping does not cover is checked in each filled-in document: a URL assembled
 * by Liquid (`href="{{ record.website }}"`) must still pass the sanitizer's scheme check, and the
 * tags must pair up as the sanitizer would have written them. A document that fails either, and
 * every part that is not of this kind, is sanitized after filling as before.
 */

/**
 * Tags that print nothing of the template's own text and no markup of their own; `echo` and
 * `cycle` are escaped like `{{ }}`. Not here: `raw` (prints its body's Liquid as written),
 * `tablerow` (writes `<tr>`/`<td>`), `liquid` (could hold either), include/render/layout/block.
 */
const ESCAPING_TAGS: ReadonlySet<string> = new Set([
  "if",
  "elsif",
  "else",
  "endif",
  "unless",
  "endunless",
  "case",
  "when",
  "endcase",
  "for",
  "endfor",
  "break",
  "continue",
  "assign",
  "capture",
  "endcapture",
  "comment",
  "endcomment",
  "#",
  "echo",
  "cycle",
  "increment",
  "decrement",
]);

/** Liquid skips its escaping only when the last filter is `raw`; any `raw` at all sends the part the old way. */
const RAW_FILTER = /\|\s*raw\b/;

/** Whether every output of this Liquid is escaped and no tag writes text or markup unescaped. */
export function printsOnlyEscaped(text: string): boolean {
  let tokens;
  try {
    tokens = new Tokenizer(text).readTopLevelTokens();
  } catch {
    return false;
  }
  for (const token of tokens) {
    if (TypeGuards.isTagToken(token) && (!ESCAPING_TAGS.has(token.name) || RAW_FILTER.test(token.args))) return false;
    if (TypeGuards.isOutputToken(token) && RAW_FILTER.test(token.content)) return false;
  }
  return true;
}

const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 200;

/** Decided once per distinct text: a template is filled many times. */
export function fillsCleanly(text: string): boolean {
  let verdict = verdicts.get(text);
  if (verdict === undefined) {
    verdict = cleanTemplate(text).html === text && printsOnlyEscaped(text);
    if (verdicts.size >= MAX_VERDICTS) verdicts.delete(verdicts.keys().next().value!);
    verdicts.set(text, verdict);
  }
  return verdict;
}

// In a filled-in part of that kind `<` and `>` appear only as tags: text and values hold entities,
// and the sanitizer wrote every attribute as name="value" with `"` as an entity. Text may hold a
// literal ` href="…"`: checked as if it were an attribute, it can only send the part the old way.
const TAG_OR_URL = /<(\/?)([a-zA-Z][^\s/>]*)|\s(href|src|cite)="([^"]*)"/gi;
const SELF_CLOSING_TAGS: ReadonlySet<string> = new Set(SELF_CLOSING);

/**
 * Whether a part that `fillsCleanly` came out of Liquid as the sanitizer would leave it: its tags
 * pair up and every URL passes the scheme check. One pass of one regular expression.
 */
export function filledCleanly(html: string): boolean {
  const open: string[] = [];
  let tag = "";
  TAG_OR_URL.lastIndex = 0;
  for (let m = TAG_OR_URL.exec(html); m; m = TAG_OR_URL.exec(html)) {
    if (m[2] === undefined) {
      if (!urlSurvives(tag, m[3], m[4])) return false;
      continue;
    }
    tag = m[2].toLowerCase();
    if (m[1]) {
      if (open.pop() !== tag) return false;
    } else if (!SELF_CLOSING_TAGS.has(tag)) open.push(tag);
  }
  return open.length === 0;
}
