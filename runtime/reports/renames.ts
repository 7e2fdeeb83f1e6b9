import { relationTarget } from "../fields/structure";
import type { CompiledSchema } from "../schema/compile";
import type { ReportSpec } from "./spec";

/**
 * A saved report follows the schema's renames: its table, the fields it groups by (each step of
 * `client.country` on the table it is on), measures, filter and sort keys are matched by id
 * against the schema before the change and written with their keys after it. Pure.
 */
export function followRenamesInReport(spec: ReportSpec, before: CompiledSchema, after: CompiledSchema): ReportSpec {
  const table = before.tablesByKey.get(spec.table);
  if (!table) return spec;
  const now = (key: string) => after.tablesById.get(before.tablesByKey.get(key)?.id ?? "");
  const fieldKey = (tableKey: string | undefined, key: string) => {
    const t = tableKey ? before.tablesByKey.get(tableKey) : undefined;
    const id = t?.fieldsByKey.get(key)?.id;
    return (id && tableKey && now(tableKey)?.fields.find((f) => f.id === id)?.key) || key;
  };
  const path = (p: string) => {
    const [first, second] = p.split(".");
    if (second === undefined) return fieldKey(spec.table, first);
    const f = table.fieldsByKey.get(first);
    return `${fieldKey(spec.table, first)}.${fieldKey(f ? relationTarget(f) : undefined, second)}`;
  };
  const filter = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(filter);
    if (typeof node !== "object" || node === null) return node;
    const n = node as Record<string, unknown>;
    if (typeof n.field === "string") return { ...n, field: fieldKey(spec.table, n.field) };
    return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, filter(v)]));
  };
  /** A column key: `path[:bucket]`, `op:field` or `currency:field`, with `-` first for descending. */
  const column = (key: string) => {
    const desc = key.startsWith("-") ? "-" : "";
    const bare = desc ? key.slice(1) : key;
    const [head, tail] = bare.split(":");
    if (tail === undefined) return desc + (bare === "count" ? bare : path(bare));
    const isOp = ["sum", "avg", "min", "max", "currency"].includes(head);
    return desc + (isOp ? `${head}:${fieldKey(spec.table, tail)}` : `${path(head)}:${tail}`);
  };
  return {
    ...spec,
    table: now(spec.table)?.key ?? spec.table,
    groupBy: spec.groupBy.map((g) => ({ ...g, field: path(g.field) })),
    measures: spec.measures.map((m) => (m.field ? { ...m, field: fieldKey(spec.table, m.field) } : m)),
    ...(spec.filter === undefined ? {} : { filter: filter(spec.filter) }),
    ...(spec.sort ? { sort: spec.sort.map(column) } : {}),
  };
}
