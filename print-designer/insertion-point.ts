/** The part of a GrapesJS component that deciding where a block goes looks at. */
export interface Placeable {
  is(type: string): boolean;
  parent(): Placeable | undefined | null;
  index(): number;
  get(prop: string): unknown;
}

/**
 * `inline`: a Field or image, which sits in text. `block`: a paragraph or heading. `wide`: a block
 * made for the full width of the page (line items, columns, totals, page break).
 */
export type BlockKind = "inline" | "block" | "wide";

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
 * the selected element. A paragraph never lands inside text or between table rows: it goes after
 * the outermost text around the selection, or after its table. A wide block goes after the
 * top-level section holding the selection (unless a container such as a column is selected), so
 * Line items clicked while a chip in the invoice's title is selected follow the header instead of
 * squeezing into its narrow right-hand column with the title's type size.
 */
export function insertionPoint<C extends Placeable>(selected: C | null | undefined, wrapper: C, kind: BlockKind): InsertionPoint<C> {
  const inline = kind === "inline";
  if (!selected || selected === wrapper) return { into: wrapper };
  if (inline) {
    if (selected.is("text")) return { into: selected };
    const parent = selected.parent();
    if (parent?.is("text")) return { into: parent as C, at: selected.index() + 1 };
    if (tagOf(selected) === "td" || tagOf(selected) === "th") return { into: selected };
  }
  let anchor: Placeable = selected;
  if (kind === "wide" && !isContainer(selected)) {
    // The page's own sections are laid out side by side (header, parties); only their end is full width.
    while (anchor.parent() && anchor.parent() !== wrapper) anchor = anchor.parent()!;
  } else if (!inline) {
    for (let p = anchor.parent(); p && p !== wrapper; p = p.parent()) if (p.is("text")) anchor = p;
  }
  while (TABLE_PARTS.has(tagOf(anchor)) && anchor.parent() && anchor.parent() !== wrapper) anchor = anchor.parent()!;
  if (anchor === selected && isContainer(anchor)) return { into: anchor as C };
  return { into: (anchor.parent() ?? wrapper) as C, at: anchor.index() + 1 };
}
