import type { CompiledField, CompiledTable } from "../schema/compile";
import { fieldKinds } from "../fields/registry";
import { isFormula } from "../fields/structure";
import type { CardLayout, ControlElement, GroupElement, LayoutElement } from "./types";
import { scopeOf } from "./scope";

/** Keys that read as a record's name; they lead the card after the title field. */
const NAME_LIKE = /(^|_)(name|title|subject|number|full_name|reference|sku)$/;

export function controlFor(field: Pick<CompiledField, "key" | "id">, width?: number): ControlElement {
  return { type: "Control", scope: scopeOf(field.key), "x-field": field.id, ...(width ? { options: { width } } : {}) };
}

function isFullWidth(field: CompiledField): boolean {
  return fieldKinds[field.kind].fullWidth;
}

/** Title first, then name-like fields, then the rest in schema order. */
function ordered(table: CompiledTable, fields: CompiledField[]): CompiledField[] {
  const rank = (f: CompiledField) => (f.key === table.titleField ? 0 : NAME_LIKE.test(f.key) ? 1 : 2);
  return fields
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map(({ f }) => f);
}

/** Short fields two per row; long text alone on a full-width row. */
function rows(fields: CompiledField[]): LayoutElement[] {
  const out: LayoutElement[] = [];
  let pending: CompiledField[] = [];
  const flush = () => {
    if (pending.length) out.push({ type: "HorizontalLayout", elements: pending.map((f) => controlFor(f, 6)) });
    pending = [];
  };
  for (const f of fields) {
    if (isFullWidth(f)) continue;
    pending.push(f);
    if (pending.length === 2) flush();
  }
  flush();
  for (const f of fields) if (isFullWidth(f)) out.push({ type: "HorizontalLayout", elements: [controlFor(f, 12)] });
  return out;
}

/** The words a default card is built with: English unless a screen passes its reader's. */
export interface DefaultLayoutWords {
  details: string;
  totals: string;
  /** A related list's tab: its table's plural label when the list is named after the table. */
  listLabel?(list: { name: string; table: string }): string | undefined;
}

const ENGLISH: DefaultLayoutWords = { details: "Details", totals: "Totals" };

/**
 * The card a table gets when the admin designed none: a main section (computed totals in their
 * own section), composition lists as grids, then a tab per related list of other tables.
 */
export function defaultLayout(table: CompiledTable, words: DefaultLayoutWords = ENGLISH): CardLayout {
  // The parent link of a line is implied by the card it is edited on.
  const own = table.fields.filter((f) => !(table.parent && f.key === table.parent.field));
  const entered = ordered(
    table,
    own.filter((f) => !isFormula(f)),
  );
  const computed = own.filter(isFormula);

  const main: LayoutElement[] = [{ type: "Group", label: words.details, elements: rows(entered) }];
  for (const list of table.lists.filter((l) => l.composition)) main.push({ type: "RelatedList", list: list.name });
  if (computed.length) main.push({ type: "Group", label: words.totals, elements: rows(computed) } satisfies GroupElement);

  const related = table.lists.filter((l) => !l.composition);
  if (related.length === 0) return { type: "VerticalLayout", elements: main };
  return {
    type: "Categorization",
    elements: [
      { type: "Category", label: words.details, elements: main },
      ...related.map((l) => ({
        type: "Category" as const,
        label: (l.name === l.table ? words.listLabel?.(l) : undefined) ?? humanList(l.name),
        elements: [{ type: "RelatedList" as const, list: l.name }],
      })),
    ],
  };
}

function humanList(name: string): string {
  const words = name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
