import type { NavigationGroup, WorkspaceSchema } from "@runtime/schema/types";
import { refusal } from "./shared";

/**
 * A new navigation group from the title an admin typed: "After-sales" → `{ key: "after_sales" }`,
 * with a number added when the key is taken. The title is kept as typed.
 */
export function newNavigationGroup(schema: WorkspaceSchema, title: string): NavigationGroup {
  const trimmed = title.trim();
  if (trimmed === "") throw refusal("groupName");
  const base =
    trimmed
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^[^a-z]+|_+$/g, "")
      .slice(0, 40) || "group";
  const taken = new Set((schema["x-groups"] ?? []).map((g) => g.key));
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return { key, title: trimmed };
}
