import type { TableSchema, WorkspaceSchema } from "@runtime/schema/types";

export interface NavigationTable {
  key: string;
  label: string;
}

export interface NavigationSection {
  key: string;
  title: string;
  tables: NavigationTable[];
}

/** Key of the section holding tables whose `x-group` is missing or names no declared group. */
export const UNGROUPED_SECTION_KEY = "__other";

/** The name staff see for a table in navigation and headings. */
export function tableLabel(key: string, table: TableSchema): string {
  return table["x-plural"] ?? table.title ?? key;
}

/**
 * Navigation sections in `x-groups` order, each with its tables by `x-order` (then label, so the
 * order is stable when an admin leaves `x-order` out). Empty groups are left out; tables that
 * belong to no declared group come last so that nothing the admin created is ever hidden.
 */
export function buildNavigation(schema: WorkspaceSchema): NavigationSection[] {
  const groups = schema["x-groups"] ?? [];
  const declared = new Set(groups.map((g) => g.key));
  const byGroup = new Map<string, [string, TableSchema][]>();
  for (const [key, table] of Object.entries(schema.$defs)) {
    const group = table["x-group"];
    const sectionKey = group !== undefined && declared.has(group) ? group : UNGROUPED_SECTION_KEY;
    const list = byGroup.get(sectionKey) ?? [];
    list.push([key, table]);
    byGroup.set(sectionKey, list);
  }

  const sections = [...groups, { key: UNGROUPED_SECTION_KEY, title: groups.length > 0 ? "Other" : "Tables" }];
  return sections
    .filter((section) => byGroup.has(section.key))
    .map((section) => ({
      key: section.key,
      title: section.title,
      tables: byGroup
        .get(section.key)!
        .sort(([aKey, a], [bKey, b]) => compareOrder(a, b) || tableLabel(aKey, a).localeCompare(tableLabel(bKey, b)))
        .map(([key, table]) => ({ key, label: tableLabel(key, table) })),
    }));
}

function compareOrder(a: TableSchema, b: TableSchema): number {
  const ao = a["x-order"] ?? Number.POSITIVE_INFINITY;
  const bo = b["x-order"] ?? Number.POSITIVE_INFINITY;
  if (ao === bo) return 0;
  return ao < bo ? -1 : 1;
}
