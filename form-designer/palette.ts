import type { CompiledField, CompiledTable } from "@runtime/schema/compile";
import type { CardLayout } from "@runtime/layouts/types";
import { layoutControls } from "@runtime/layouts/resolve-layout";

/**
 * The palette: the table's fields the card does not place, in schema order. A composition line's
 * link to its parent is left out, as in `defaultLayout`: the card it is edited on implies it.
 */
export function unplacedFields(layout: CardLayout, table: CompiledTable): CompiledField[] {
  const placed = new Set(layoutControls(layout).map((c) => c["x-field"]));
  return table.fields.filter((f) => !placed.has(f.id) && !(table.parent && f.key === table.parent.field));
}

function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Palette search: every word of the query is found in the label or the key (case and accents ignored). */
export function filterPalette<F extends Pick<CompiledField, "key" | "label">>(fields: F[], query: string): F[] {
  const words = folded(query ?? "")
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return fields;
  return fields.filter((f) => {
    const haystack = `${folded(f.label)} ${folded(f.key)} ${folded(f.key.replace(/_/g, " "))}`;
    return words.every((w) => haystack.includes(w));
  });
}
