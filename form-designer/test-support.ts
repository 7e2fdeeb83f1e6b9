import seedSchema from "@seeds/schema.json";
import { compileSchema, requireTable } from "@runtime/schema/compile";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { defaultLayout } from "@runtime/layouts/default-layout";
import { layoutControls } from "@runtime/layouts/resolve-layout";
import type { CardLayout, HorizontalLayoutElement } from "@runtime/layouts/types";
import { listElements } from "./paths";
import { controlKey } from "@runtime/layouts/scope";

/**
 * The seed schema as these tests knew it: the client card's tabs are Details and the lists of
 * contacts, events, contracts and invoices. Tables the default configuration adds later with a
 * link to clients (cases, deals, …) are left out, with whatever links to them, so a new table in
 * the seed does not rewrite every expectation here.
 */
const CLIENT_LISTS = new Set(["contacts", "events", "contracts", "invoices"]);
function pinnedSeed(schema: WorkspaceSchema): WorkspaceSchema {
  const defs = { ...schema.$defs };
  const linksTo = (key: string, targets: (k: string) => boolean) =>
    Object.values(defs[key].properties).some((f) => typeof f["x-target"] === "string" && targets(f["x-target"]));
  for (const key of Object.keys(defs))
    if (!CLIENT_LISTS.has(key) && key !== "clients" && linksTo(key, (t) => t === "clients")) delete defs[key];
  const gone = (t: string) => t !== "crm_users" && !Object.hasOwn(defs, t);
  for (let removed = true; removed;) {
    removed = false;
    for (const key of Object.keys(defs)) {
      if (!linksTo(key, gone)) continue;
      removed = true;
      // A pinned list keeps its table, without the links to tables left out (an event's deal).
      if (CLIENT_LISTS.has(key))
        defs[key] = {
          ...defs[key],
          properties: Object.fromEntries(
            Object.entries(defs[key].properties).filter(([, f]) => !(typeof f["x-target"] === "string" && gone(f["x-target"]))),
          ),
        };
      else delete defs[key];
    }
  }
  return { ...schema, $defs: defs };
}

export const seed = pinnedSeed(seedSchema as unknown as WorkspaceSchema);
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
