import type { CardLayout, NoteElement } from "@runtime/layouts/types";
import { describePath, edit, elementAt, type ElementPath } from "./paths";
import { refusal } from "./words";

export function checkNoteText(text: string): string {
  if (typeof text !== "string" || text.trim().length === 0) throw refusal("noteEmpty");
  if (text.length > 2000) throw refusal("noteLong");
  return text;
}

/** Changes the text of a static note placed on the card. */
export function setNoteText(layout: CardLayout, at: ElementPath, text: string): CardLayout {
  const node = elementAt(layout, at);
  if (node.type !== "Note") throw new Error(`the element at ${describePath(at)} is a ${node.type}, not a note`);
  const checked = checkNoteText(text);
  return edit(layout, (draft) => {
    (elementAt(draft, at) as NoteElement).text = checked;
  });
}

/** Names (or renames) a placed related list on this card; an empty label goes back to the list's own name. */
export function setRelatedListLabel(layout: CardLayout, at: ElementPath, label: string): CardLayout {
  const node = elementAt(layout, at);
  if (node.type !== "RelatedList") throw new Error(`the element at ${describePath(at)} is a ${node.type}, not a related list`);
  const trimmed = typeof label === "string" ? label.trim() : "";
  if (trimmed.length > 120) throw refusal("listLabelLong");
  return edit(layout, (draft) => {
    const list = elementAt(draft, at);
    if (list.type !== "RelatedList") return;
    if (trimmed) list.label = trimmed;
    else delete list.label;
  });
}
