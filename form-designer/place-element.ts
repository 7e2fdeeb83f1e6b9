import { fieldKinds } from "@runtime/fields/registry";
import type { CompiledField, CompiledTable } from "@runtime/schema/compile";
import { controlFor } from "@runtime/layouts/default-layout";
import type { CardLayout, LayoutElement, RelatedListElement } from "@runtime/layouts/types";
import { insertElement, settleRow } from "./insert-element";
import { describePath, edit, elementAt, findControl, listElements, type ElementPath } from "./paths";
import { checkNoteText } from "./notes";

/** Long text reads best across the card, like in `defaultLayout`; other fields start at half. */
function newRowWidth(field: CompiledField): number {
  return fieldKinds[field.kind].fullWidth ? 12 : 6;
}

/** Drops a field from the palette at a gap; throws when the table has no such field or it is already placed. */
export function placeField(layout: CardLayout, table: CompiledTable, fieldKey: string, at: ElementPath): CardLayout {
  const field = table.fieldsByKey.get(fieldKey);
  if (!field) throw new Error(`${table.pluralLabel} have no field "${fieldKey}"`);
  const placed = findControl(layout, field.id);
  if (placed) throw new Error(`${field.label} is already on the card at ${describePath(placed)}`);
  return insert(layout, at, controlFor(field), newRowWidth(field));
}

function insert(layout: CardLayout, at: ElementPath, element: LayoutElement, width?: number): CardLayout {
  return edit(layout, (draft) => {
    const { row, keep } = insertElement(draft, at, element, width);
    if (row) settleRow(draft, row, keep);
  });
}

export function addSeparator(layout: CardLayout, at: ElementPath): CardLayout {
  return insert(layout, at, { type: "Separator" });
}

export function addNote(layout: CardLayout, at: ElementPath, text: string): CardLayout {
  checkNoteText(text);
  return insert(layout, at, { type: "Note", text });
}

function checkColumns(columns: string[]): string[] {
  if (!Array.isArray(columns) || columns.some((c) => typeof c !== "string" || c.length === 0 || c.length > 64))
    throw new Error("a related list's columns are field ids");
  if (new Set(columns).size !== columns.length) throw new Error("a related list shows each column once");
  if (columns.length > 12) throw new Error("a related list shows at most 12 columns");
  return [...columns];
}

/**
 * Places the list of child records named `listName` (its `x-inverse`), once per card. Whether the
 * list and its columns exist is the save path's check (`layoutFieldProblems`), which knows the schema.
 */
export function placeRelatedList(layout: CardLayout, listName: string, at: ElementPath, columns?: string[]): CardLayout {
  if (typeof listName !== "string" || listName.length === 0 || listName.length > 64) throw new Error("a related list needs its name");
  const already = listElements(layout).find(({ element }) => element.type === "RelatedList" && element.list === listName);
  if (already) throw new Error(`the related list "${listName}" is already on the card at ${describePath(already.path)}`);
  const element: RelatedListElement = { type: "RelatedList", list: listName, ...(columns ? { columns: checkColumns(columns) } : {}) };
  return insert(layout, at, element);
}

/** Chooses a placed related list's columns; an empty choice goes back to the default columns. */
export function setRelatedListColumns(layout: CardLayout, at: ElementPath, columns: string[]): CardLayout {
  const node = elementAt(layout, at);
  if (node.type !== "RelatedList") throw new Error(`the element at ${describePath(at)} is a ${node.type}, not a related list`);
  const chosen = checkColumns(columns);
  return edit(layout, (draft) => {
    const list = elementAt(draft, at) as RelatedListElement;
    if (chosen.length) list.columns = chosen;
    else delete list.columns;
  });
}
