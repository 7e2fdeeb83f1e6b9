import type { FieldPathOption, ValueKind } from "./field-paths";
import { liquidOutput } from "./field-paths";

/** One column of a Line-items table: a path relative to the row (`line.price`). */
export interface LineColumn {
  path: string;
  label: string;
  kind: ValueKind;
}

/** A repeating-row table over a list of the record (invoice lines, contract items). */
export interface LineItemsConfig {
  /** The list's name on the record, e.g. `items`. */
  list: string;
  columns: LineColumn[];
  /** A first "#" column with the row number. */
  numbered: boolean;
}

const LOOP_VARIABLE = "line";
const NUMERIC: ReadonlySet<ValueKind> = new Set(["money", "number", "percent"]);

/** Numbers sit right-aligned in their column, in the PDF and in the canvas alike. */
export const isNumericKind = (kind: ValueKind) => NUMERIC.has(kind);

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const isPath = (p: string) => /^line(?:\.[A-Za-z_]\w*)+$/.test(p);

/**
 * The exported HTML: the header row once in `<thead>` (Chromium repeats it on every page, see the
 * designer CSS) and one `<tr>` per row inside a `{% for %}` loop the designer writes, never the
 * canvas. The configuration rides along in data attributes so the table can be read back.
 */
export function lineItemsHtml(config: LineItemsConfig, attributes = ""): string {
  const columns = config.columns.filter((c) => isPath(c.path));
  const cls = (c: LineColumn) => (isNumericKind(c.kind) ? ' class="num"' : "");
  const head = [config.numbered ? '<th class="pos">#</th>' : "", ...columns.map((c) => `<th${cls(c)}>${escapeHtml(c.label)}</th>`)].join(
    "",
  );
  const cells = [
    config.numbered ? '<td class="pos">{{ forloop.index }}</td>' : "",
    ...columns.map((c) => `<td${cls(c)}>${liquidOutput(c.path, c.kind)}</td>`),
  ].join("");
  const list = config.list.replace(/[^\w]/g, "");
  const data = escapeHtml(JSON.stringify({ list, columns, numbered: config.numbered }));
  const attrs = attributes ? ` ${attributes.trim()}` : "";
  return (
    `<table class="tpl-lines"${attrs} data-tpl-lines="${data}">` +
    `<thead><tr>${head}</tr></thead>` +
    `<tbody>{% for ${LOOP_VARIABLE} in record.${list} %}<tr>${cells}</tr>{% endfor %}</tbody></table>`
  );
}

/** Reads a Line-items table back from exported HTML (the first one in `html`), or null. */
export function parseLineItemsHtml(html: string): LineItemsConfig | null {
  const m = /<table\b[^>]*\sdata-tpl-lines="([^"]*)"/.exec(html);
  if (!m) return null;
  try {
    const raw = JSON.parse(unescapeHtml(m[1])) as Partial<LineItemsConfig>;
    if (typeof raw.list !== "string" || !Array.isArray(raw.columns)) return null;
    const columns = raw.columns.filter(
      (c): c is LineColumn => typeof c?.path === "string" && isPath(c.path) && typeof c.label === "string" && typeof c.kind === "string",
    );
    return { list: raw.list, columns, numbered: raw.numbered === true };
  } catch {
    return null;
  }
}

/** A sensible first table for a list: description-like text, quantity, price, amounts. */
export function defaultColumns(options: readonly FieldPathOption[]): LineColumn[] {
  const own = options.filter((o) => o.path.split(".").length === 2 && o.path !== "line.position");
  const preferred = [
    "line.description",
    "line.quantity",
    "line.unit",
    "line.price",
    "line.discount",
    "line.tax_rate",
    "line.net",
    "line.gross",
    "line.amount",
  ];
  const picked = preferred.map((p) => own.find((o) => o.path === p)).filter((o): o is FieldPathOption => !!o);
  const chosen = picked.length >= 2 ? picked : own.slice(0, 5);
  return chosen.map((o) => ({ path: o.path, label: o.label, kind: o.filter }));
}
