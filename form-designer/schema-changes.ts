import type { CompiledSchema, CompiledTable } from "@runtime/schema/compile";
import { resolveLayout } from "@runtime/layouts/resolve-layout";
import type { CardLayout, LayoutNotice } from "@runtime/layouts/types";
import { listElements } from "./paths";
import { scopeOf } from "@runtime/layouts/scope";
import { layoutNotice } from "@runtime/layouts/layout-words";

export interface LayoutWithNotices {
  layout: CardLayout;
  notices: LayoutNotice[];
}

/**
 * Controls follow renamed fields by id (their scope is rewritten); a notice per renamed field
 * tells the admin. Cells of removed fields are left for `dropRemovedFields`.
 */
export function followRename(layout: CardLayout, table: CompiledTable): LayoutWithNotices {
  const notices: LayoutNotice[] = [];
  for (const { path, element } of listElements(layout)) {
    if (element.type !== "Control") continue;
    const field = table.fields.find((f) => f.id === element["x-field"]);
    const was = element.scope.replace(/^#\/properties\//, "");
    if (field && field.key !== was) notices.push(layoutNotice("/" + path.join("/"), "renamed", { was, now: field.key }));
  }
  if (notices.length === 0) return { layout, notices };
  // Unlike resolveLayout, cells whose field is gone stay: dropping them is a separate notice.
  const rescoped = structuredClone(layout);
  for (const { element } of listElements(rescoped)) {
    if (element.type !== "Control") continue;
    const field = table.fields.find((f) => f.id === element["x-field"]);
    if (field) element.scope = scopeOf(field.key);
  }
  return { layout: rescoped, notices };
}

/**
 * The layout without cells whose field or related list is gone (and without a field placed twice),
 * with a notice for each: `resolveLayout`, minus what the designer does not need.
 */
export function dropRemovedFields(layout: CardLayout, table: CompiledTable, schema?: CompiledSchema): LayoutWithNotices {
  const { layout: resolved, notices } = resolveLayout(layout, table, schema);
  return { layout: resolved, notices };
}
