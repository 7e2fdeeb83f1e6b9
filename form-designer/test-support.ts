import seedSchema from "@seeds/schema.json";
import { compileSchema, requireTable } from "@runtime/schema/compile";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { defaultLayout } from "@runtime/layouts/default-layout";
import { layoutControls } from "@runtime/layouts/resolve-layout";
import type { CardLayout, HorizontalLayoutElement } from "@runtime/layouts/types";
import { listElements } from "./paths";
import { controlKey } from "@runtime/layouts/scope";

export const seed = seedSchema as unknown as WorkspaceSchema;
export const compiled = compileSchema(seed);
export const clients = requireTable(compiled, "clients");

/** Frozen, so any operation that mutates its input throws in the test. */
export function clientsLayout(): CardLayout {
  return deepFreeze(defaultLayout(clients));
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export function fieldId(key: string): string {
  const field = clients.fieldsByKey.get(key);
  if (!field) throw new Error(`no field ${key}`);
  return field.id;
}

/** Field keys per row, for readable expectations. */
export function keysOfRows(layout: CardLayout): string[][] {
  return listElements(layout)
    .filter(({ element }) => element.type === "HorizontalLayout")
    .map(({ element }) => layoutControlsOf(element as HorizontalLayoutElement));
}

function layoutControlsOf(row: HorizontalLayoutElement): string[] {
  return row.elements.flatMap((e) => (e.type === "Control" ? [controlKey(e)] : []));
}

export function placedIds(layout: CardLayout): string[] {
  return layoutControls(layout).map((c) => c["x-field"]);
}
