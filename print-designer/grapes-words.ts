import type { Words } from "@runtime/i18n/words";

/**
 * GrapesJS's own words on the panels the print designer shows (the look's properties and their
 * choices, the layers' element names, the empty panels), in the reader's language from our
 * catalogs. GrapesJS ships no Armenian and a partial Swedish and Chinese, and its catalogs would be
 * a second place for the designer's words; these are its i18n keys, filled by ours.
 */
const PROPERTIES = [
  "font-size",
  "font-weight",
  "font-style",
  "color",
  "text-align",
  "line-height",
  "text-transform",
  "margin",
  "padding",
  "width",
  "max-width",
  "height",
  "max-height",
  "border",
  "border-radius",
  "background-color",
  ...["top", "right", "bottom", "left"].flatMap((side) => [`margin-${side}-sub`, `padding-${side}-sub`]),
  "border-width-sub",
  "border-style-sub",
  "border-color-sub",
  ...["top-left", "top-right", "bottom-right", "bottom-left"].map((corner) => `border-${corner}-radius-sub`),
];

const OPTIONS: Record<string, string[]> = {
  "text-align": ["left", "center", "right", "justify"],
  "font-weight": ["100", "200", "300", "400", "500", "600", "700", "800", "900"],
  "font-style": ["normal", "italic", "oblique"],
  "text-transform": ["none", "capitalize", "uppercase", "lowercase"],
  "border-style-sub": ["none", "solid", "dotted", "dashed", "double", "groove", "ridge", "inset", "outset"],
};

/** GrapesJS's component types and our key for each ("" is its plain box). */
const NAMES: Record<string, string> = {
  "": "box",
  wrapper: "wrapper",
  text: "text",
  image: "image",
  link: "link",
  label: "label",
  table: "table",
  thead: "thead",
  tbody: "tbody",
  tfoot: "tfoot",
  row: "row",
  cell: "cell",
  comment: "comment",
};

const KEY = "printDesigner.grapes";

/**
 * The messages for GrapesJS's `i18n` module, said with `words`. A key `words` does not know (the
 * English table of tests and the CLI) is left out, so GrapesJS says its own English there.
 */
export function grapesMessages(words: Words): Record<string, unknown> {
  const say = (key: string): [string] | [] => {
    const said = words(`${KEY}.${key}`);
    return said === `${KEY}.${key}` ? [] : [said];
  };
  const table = (entries: [string, string][]) =>
    Object.fromEntries(entries.flatMap(([id, key]) => say(key).map((text) => [id, text] as const)));
  return {
    styleManager: {
      ...Object.fromEntries(say("styleEmpty").map((text) => ["empty", text])),
      properties: table(PROPERTIES.map((p) => [p, `properties.${p}`])),
      options: Object.fromEntries(
        Object.entries(OPTIONS).map(([property, options]) => [property, table(options.map((o) => [o, `options.${property}.${o}`]))]),
      ),
    },
    traitManager: table([
      ["empty", "traitsEmpty"],
      ["label", "traitsLabel"],
    ]),
    domComponents: { names: table(Object.entries(NAMES).map(([type, key]) => [type, `names.${key}`])) },
  };
}
