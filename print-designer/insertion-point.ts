/** The part of a GrapesJS component that deciding where a block goes looks at. */
export interface Placeable {
  is(type: string): boolean;
  parent(): Placeable | undefined | null;
  index(): number;
  get(prop: string): unknown;
}

export interface InsertionPoint<C extends Placeable> {
  into: C;
  /** Position among `into`'s children; absent appends at the end. */
  at?: number;
}

const CONTAINERS = new Set(["div", "section", "header", "footer"]);
/** Inside a table only cells hold content; a block placed "after" a cell or row would break the table. */
const TABLE_PARTS = new Set(["td", "th", "tr", "tbody", "thead", "tfoot"]);

const tagOf = (c: Placeable) => String(c.get("tagName") ?? "").toLowerCase();
const isContainer = (c: Placeable) => !c.is("text") && !c.is("tpl-raw") && c.get("droppable") !== false && CONTAINERS.has(tagOf(c));

/**
 * Where a palette block goes for the current selection: a Field or image into the selected text
 * (or right after a selected chip in it, or into a selected table cell), anything into a selected container, otherwise after
 * the selected element. A paragraph, table or columns block never lands inside text or between
 * table rows: it goes after the outermost text around the selection, or after its table, so a
 * Line items block clicked while a chip in the heading is selected follows the heading instead of
 * taking on the heading's type size inside it.
 */
export function insertionPoint<C extends Placeable>(selected: C | null | undefined, wrapper: C, inline: boolean): InsertionPoint<C> {
  if (!selected || selected === wrapper) return { into: wrapper };
  if (inline) {
    if (selected.is("text")) return { into: selected };
    const parent = selected.parent();
    if (parent?.is("text")) return { into: parent as C, at: selected.index() + 1 };
    if (tagOf(selected) === "td" || tagOf(selected) === "th") return { into: selected };
  }
  let anchor: Placeable = selected;
  if (!inline) {
    for (let p = anchor.parent(); p && p !== wrapper; p = p.parent()) if (p.is("text")) anchor = p;
  }
  while (TABLE_PARTS.has(tagOf(anchor)) && anchor.parent() && anchor.parent() !== wrapper) anchor = anchor.parent()!;
  if (anchor === selected && isContainer(anchor)) return { into: anchor as C };
  return { into: (anchor.parent() ?? wrapper) as C, at: anchor.index() + 1 };
}
