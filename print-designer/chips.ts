import english from "../locales/en.json";
import type { Words } from "@runtime/i18n/words";
import { fallbackLabel, type FieldPathOption } from "./field-paths";
import { english as englishDesignerWords } from "./words";

/**
 * `{{ "print.invoice" | t }}`: words that print in the document's language; the canvas shows
 * them in the designer's (English without a reader).
 */
const MESSAGE = /^"print\.([\w.]+)"\s*\|\s*t\b/;

function englishMessage(key: string): string | null {
  let node: unknown = english.print;
  for (const part of key.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? node : null;
}

function message(key: string, words?: Words): string | null {
  const said = words?.(`print.${key}`);
  const text = said !== undefined && said !== `print.${key}` ? said : englishMessage(key);
  // Arguments (`{{0}}`, or what i18next left of them) read as an ellipsis on the canvas.
  return text === null ? null : text.replace(/{{\s*\d\s*}}/g, "…");
}

/** A Liquid output tag taken apart: `{{ record.due_date | date: "long" }}`. */
export interface OutputTag {
  /** Everything between the braces, trimmed: what the tag exports again unchanged. */
  expression: string;
  /** The dotted path it prints, or null when it starts with something else (a literal, a filter chain on a string). */
  path: string | null;
}

const PATH_AT_START = /^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/;

export function parseOutputTag(tag: string): OutputTag | null {
  const m = /^\{\{-?\s*([\s\S]*?)\s*-?\}\}$/.exec(tag.trim());
  if (!m) return null;
  const expression = m[1];
  const path = PATH_AT_START.exec(expression)?.[1] ?? null;
  return { expression, path };
}

/** What a chip reads in the canvas: "Client › Name", "Invoice › Total (in words)", in `words`' language. */
export function chipLabel(expression: string, options: readonly FieldPathOption[], words: Words = englishDesignerWords): string {
  const printed = MESSAGE.exec(expression);
  if (printed) return message(printed[1], words) ?? expression;
  const path = PATH_AT_START.exec(expression)?.[1];
  if (!path) return expression;
  const option = options.find((o) => o.path === path);
  const base = option
    ? option.path.startsWith("record.") && !option.label.includes(" › ")
      ? `${option.group} › ${option.label}`
      : option.label
    : fallbackLabel(path);
  if (/\|\s*amount_in_words\b/.test(expression)) return words("printDesigner.chips.inWords", { field: base });
  if (/\|\s*date:\s*["']long["']/.test(expression)) return words("printDesigner.chips.longDate", { field: base });
  return base;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The element a Field chip is stored as while designing; the editor's Field component reads it back. */
export function chipElement(expression: string, options: readonly FieldPathOption[]): string {
  return `<span data-tpl-field="${escapeHtml(expression)}" class="tpl-chip">${escapeHtml(chipLabel(expression, options))}</span>`;
}

const LIQUID = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;

/**
 * Template HTML as a read-only preview: output tags become chips, logic tags small grey badges
 * ("if Invoice › Status == draft"), so the canvas never shows raw `{{ }}`. Liquid inside attributes
 * is dropped: an `<img src="{{ company.logo.src }}">` must not make the canvas fetch that text.
 */
export function previewHtml(html: string, options: readonly FieldPathOption[], words?: Words): string {
  return replaceInText(
    html,
    (segment) => {
      if (segment.startsWith("{{")) {
        const tag = parseOutputTag(segment);
        return tag ? `<span class="tpl-chip">${escapeHtml(chipLabel(tag.expression, options, words))}</span>` : escapeHtml(segment);
      }
      const inner = segment.replace(/^\{%-?\s*|\s*-?%\}$/g, "");
      const readable = inner.replace(/\b(record|company|line)((?:\.[A-Za-z_]\w*)+)/g, (p) => chipLabel(p, options, words));
      return `<span class="tpl-logic">${escapeHtml(readable)}</span>`;
    },
    () => "",
  );
}

/**
 * Replaces Liquid segments in text with `inText(segment)`; segments inside a tag's attributes go
 * through `inAttribute` (a chip cannot live in an attribute).
 */
export function replaceInText(html: string, inText: (segment: string) => string, inAttribute: (segment: string) => string): string {
  let out = "";
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    const textEnd = lt === -1 ? html.length : lt;
    out += html.slice(i, textEnd).replace(LIQUID, inText);
    if (lt === -1) break;
    const gt = tagEnd(html, lt);
    out += html.slice(lt, gt).replace(LIQUID, inAttribute);
    i = gt;
  }
  return out;
}

/** Index just past the `>` closing the tag that starts at `lt`, skipping quoted attribute values. */
export function tagEnd(html: string, lt: number): number {
  let quote: string | null = null;
  for (let j = lt + 1; j < html.length; j++) {
    const c = html[j];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return j + 1;
  }
  return html.length;
}
