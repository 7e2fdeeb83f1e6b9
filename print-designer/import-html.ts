import { chipElement, parseOutputTag, replaceInText, tagEnd } from "./chips";
import type { FieldPathOption } from "./field-paths";

/**
 * Opens HTML written outside the designer (the shipped templates, or a template saved without
 * project data) in the canvas without ever breaking its Liquid: parts holding logic tags
 * (`{% if %}`, `{% for %}`) become opaque Liquid blocks that export their source unchanged, the
 * rest becomes ordinary editable elements with output tags turned into Field chips. An element is
 * split further when only some of its children hold logic; tables never are, since a browser
 * moves text out of a table while parsing.
 */
export function designerHtmlFrom(html: string, options: readonly FieldPathOption[]): string {
  return convert(ownComponents(html), options, 0);
}

const LINES_TABLE = /<table\b([^>]*\sdata-tpl-lines="[^"]*"[^>]*)>[\s\S]*?<\/table>/g;
const COMPANY_IMAGE = /\{%-?\s*if (company\.[A-Za-z_]\w*)\.src\s*-?%\}<img\b[^>]*\ssrc="\{\{\s*\1\.src\s*\}\}"[^>]*>\{%-?\s*endif\s*-?%\}/g;

/**
 * What the designer itself exported (line-items tables, company images) becomes its component
 * again, so a template whose project data was dropped (its HTML changed outside the designer)
 * reopens as blocks rather than as code.
 */
function ownComponents(html: string): string {
  return html
    .replace(LINES_TABLE, (_, attrs: string) => `<table${attrs}></table>`)
    .replace(COMPANY_IMAGE, (_, path: string) => `<span data-tpl-image="${path}"></span>`);
}

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const OPENS_BLOCK = /^\{%-?\s*(if|unless|for|case|capture|tablerow|raw|comment)\b/;
const CLOSES_BLOCK = /^\{%-?\s*end(if|unless|for|case|capture|tablerow|raw|comment)\b/;
const BLOCK_TAGS = /<(?:div|p|table|h[1-6]|ul|ol|header|footer|section|article|blockquote|pre|hr)\b/i;
const UNSPLITTABLE = new Set(["table", "thead", "tbody", "tfoot", "tr", "td", "th", "ul", "ol", "select"]);
const MAX_DEPTH = 12;

interface Chunk {
  text: string;
  /** Set when the chunk is exactly one element: its name, and where its content starts and ends. */
  element?: { name: string; innerStart: number; innerEnd: number };
}

/** Splits at the top level: between elements and text, never inside an element or a Liquid block. */
function chunks(html: string): Chunk[] {
  const out: Chunk[] = [];
  let depth = 0;
  let liquid = 0;
  let start = 0;
  let firstElement: { name: string; innerStart: number } | null = null;
  let elementCount = 0;
  let i = 0;
  const flush = (end: number) => {
    if (end <= start) return;
    const text = html.slice(start, end);
    const chunk: Chunk = { text };
    if (elementCount === 1 && firstElement && html.slice(start, end).trimStart().startsWith("<")) {
      const close = text.lastIndexOf("</");
      if (close > 0) chunk.element = { name: firstElement.name, innerStart: firstElement.innerStart - start, innerEnd: close };
    }
    out.push(chunk);
    start = end;
    firstElement = null;
    elementCount = 0;
  };
  while (i < html.length) {
    if (html.startsWith("{%", i) || html.startsWith("{{", i)) {
      const close = html.indexOf(html[i + 1] === "%" ? "%}" : "}}", i + 2);
      const end = close === -1 ? html.length : close + 2;
      const tag = html.slice(i, end);
      if (depth === 0 && liquid === 0) flush(i);
      if (OPENS_BLOCK.test(tag)) liquid++;
      else if (CLOSES_BLOCK.test(tag)) liquid = Math.max(0, liquid - 1);
      i = end;
      if (depth === 0 && liquid === 0) {
        elementCount += 2; // A Liquid tag at the top makes the chunk more than one element.
        flush(i);
      }
      continue;
    }
    if (html[i] === "<" && /[A-Za-z/!]/.test(html[i + 1] ?? "")) {
      const end = tagEnd(html, i);
      const tag = html.slice(i, end);
      const name = /^<\/?([A-Za-z][\w-]*)/.exec(tag)?.[1]?.toLowerCase();
      if (tag.startsWith("<!--") || !name) {
        i = end;
        continue;
      }
      if (tag.startsWith("</")) {
        depth = Math.max(0, depth - 1);
        i = end;
        if (depth === 0 && liquid === 0) flush(i);
        continue;
      }
      if (depth === 0 && liquid === 0) {
        flush(i);
        firstElement = { name, innerStart: end };
        elementCount = 1;
      }
      if (!VOID.has(name) && !tag.endsWith("/>")) depth++;
      i = end;
      if (depth === 0 && liquid === 0) flush(i);
      continue;
    }
    // Text: runs until the next tag or Liquid segment.
    let j = i + 1;
    while (j < html.length && html[j] !== "<" && !html.startsWith("{%", j) && !html.startsWith("{{", j)) j++;
    if (depth === 0 && liquid === 0 && elementCount > 0) flush(i);
    if (depth === 0 && liquid === 0) elementCount += 2;
    i = j;
    if (depth === 0 && liquid === 0) flush(i);
  }
  flush(html.length);
  return out;
}

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function rawBlockElement(source: string): string {
  const tag = BLOCK_TAGS.test(source) ? "div" : "span";
  return `<${tag} data-tpl-raw="${escapeAttr(source)}"></${tag}>`;
}

function withChips(html: string, options: readonly FieldPathOption[]): string {
  return replaceInText(
    html,
    (segment) => {
      const tag = parseOutputTag(segment);
      return tag ? chipElement(tag.expression, options) : segment;
    },
    (segment) => segment,
  );
}

function convert(html: string, options: readonly FieldPathOption[], level: number): string {
  return chunks(html)
    .map((chunk) => {
      if (!chunk.text.includes("{%")) return withChips(chunk.text, options);
      const el = chunk.element;
      if (el && level < MAX_DEPTH && !UNSPLITTABLE.has(el.name)) {
        const open = chunk.text.slice(0, el.innerStart);
        const inner = chunk.text.slice(el.innerStart, el.innerEnd);
        const close = chunk.text.slice(el.innerEnd);
        if (!/\{[{%]/.test(open)) return open + convert(inner, options, level + 1) + close;
      }
      return rawBlockElement(chunk.text);
    })
    .join("");
}
