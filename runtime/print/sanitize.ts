import sanitizeHtml from "sanitize-html";
import { printRefusal } from "./print-words";

/**
 * Print HTML through sanitize-html (docs/decisions/016-print-html-sanitizer.md): an allowlist of
 * the elements and attributes printed forms use, re-serialized, so what is not on the list (a
 * script, a frame, an event handler, a `javascript:` link however its letters are encoded) does not
 * reach Chromium. Templates are cleaned when saved, and every filled-in document again after
 * Liquid ran, since Liquid can assemble what no template showed (`<ifr{% if %}{% endif %}ame>`)
 * and `| raw` prints record data unescaped. Chromium with JavaScript off and every non-`data:`
 * request refused is the fence that holds even if something slips through here.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, "img", "del", "ins"],
  allowedAttributes: {
    // Classes, ids and inline styles carry the design (the designer's CSS targets ids); data-*
    // holds the designer's own markers.
    "*": ["class", "id", "style", "title", "lang", "dir", "align", "valign", "width", "height", "data-*"],
    a: ["href", "name"],
    img: ["src", "alt"],
    td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan", "scope"],
    col: ["span"],
    colgroup: ["span"],
    ol: ["start", "type", "reversed"],
    time: ["datetime"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  // Images are inlined as data: URLs; Chromium refuses every other request anyway.
  allowedSchemesByTag: { img: ["data"] },
  allowProtocolRelative: false,
  // Inline styles pass as written: a style attribute of a template holds Liquid a CSS parser would
  // mangle, and CSS cannot run script in Chromium.
  parseStyleAttributes: false,
};

// Private-use characters no template contains: they stand in for Liquid while the HTML is cleaned.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const LIQUID = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const PLACEHOLDER = new RegExp(`${OPEN}(\\d+)${CLOSE}`, "g");

/**
 * sanitize-html writes void elements XHTML-style (`<img … />`); templates are HTML and the designer
 * compares what it saved. Every `>` in text and attribute values comes out escaped, so ` />` can
 * only end a tag.
 */
const asHtml = (clean: string) => clean.replaceAll(" />", ">");

interface CleanTemplate {
  html: string;
  /** Liquid that stood in a tag's name or between its attributes, and was removed with them. */
  misplacedLiquid: string[];
}

/**
 * A template's HTML, cleaned with its Liquid kept as written: `{% if a > b %}` must not come back
 * as `{% if a &gt; b %}`. Liquid in text and attribute values is set aside first and put back;
 * Liquid inside a tag but outside a value cannot be told from a tag split to slip through, so it
 * is removed with the tag or attribute and reported.
 */
export function cleanTemplate(html: string): CleanTemplate {
  const liquid: string[] = [];
  const masked = html.replace(LIQUID, (tag) => `${OPEN}${liquid.push(tag) - 1}${CLOSE}`);
  const misplaced = new Set<string>();
  const unmask = (text: string) => text.replace(PLACEHOLDER, (_, i: string) => liquid[Number(i)] ?? "");
  const clean = sanitizeHtml(masked, {
    ...OPTIONS,
    transformTags: {
      "*": (tagName, attribs) => {
        for (const name of [tagName, ...Object.keys(attribs)]) if (name.includes(OPEN)) misplaced.add(`<${unmask(tagName)}…>`);
        return { tagName, attribs };
      },
    },
  });
  return { html: unmask(asHtml(clean)), misplacedLiquid: [...misplaced] };
}

/** For the designer's canvas and anything else that must show a template, whatever it holds. */
export function sanitizeTemplateHtml(html: string): string {
  return cleanTemplate(html).html;
}

/** A template part being saved: cleaned, or 422 when its Liquid stands where it cannot be kept. */
export function cleanTemplateHtml(html: string, part: string): string {
  const { html: clean, misplacedLiquid } = cleanTemplate(html);
  if (misplacedLiquid.length)
    throw printRefusal(422, "misplacedLiquid", { part, tags: misplacedLiquid.join(", ") }, { part, tags: misplacedLiquid });
  return clean;
}

/** A filled-in document (Liquid has run), just before it goes to Chromium. */
export function sanitizeRenderedHtml(html: string): string {
  return asHtml(sanitizeHtml(html, OPTIONS));
}

/** Elements the sanitizer writes without an end tag. */
export const SELF_CLOSING: readonly string[] = sanitizeHtml.defaults.selfClosing;

/**
 * Whether the sanitizer keeps this URL attribute (`value` as it stands in the HTML, entities and
 * all): the same scheme check a whole document gets, asked of one tag.
 */
export function urlSurvives(tag: string, attribute: string, value: string): boolean {
  const written = ` ${attribute.toLowerCase()}="`;
  return sanitizeHtml(`<${tag}${written}${value}">`, OPTIONS).includes(written);
}
