import type { Component } from "grapesjs";

export const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** `id="…" class="…"` of a component, so styles set in the style manager reach the export. */
export function ownAttributes(component: Component): string {
  const attrs = component.getAttrToHTML() as Record<string, unknown>;
  return Object.entries(attrs)
    .filter(([k, v]) => (k === "id" || k === "class" || k === "style") && typeof v === "string" && v !== "")
    .map(([k, v]) => `${k}="${escapeAttr(String(v))}"`)
    .join(" ");
}

/** Whether the admin styled a chip: only then does it export an element around its Liquid tag. */
export function hasOwnLook(component: Component): boolean {
  return Object.keys(component.getStyle() ?? {}).length > 0 || component.getClasses().some((c: unknown) => String(c) !== "tpl-chip");
}
