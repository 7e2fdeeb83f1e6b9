import { isComposition, isRelation, relationTarget } from "../fields/structure";
import type { CompiledSchema, CompiledTable } from "../schema/compile";

/**
 * Which records join a record's timeline, read from the schema alone (no table is named here):
 * - `relation`: records of a table whose relation field points at the record (a client's events);
 * - `about`: records of a table with an `x-about` link naming the record (tasks, notes);
 * - `hop`: records pointing at those of a `relation` source, one step further (the payments of a
 *   client's invoices), unless their table already points at the record itself.
 * Lines of a composition (an invoice's items) belong to their parent, never to a timeline, not even
 * to that of the product they name. Pure.
 */
export type TimelineSource =
  | { link: "relation"; key: string; table: string; field: string }
  | { link: "about"; key: string; table: string; tableField: string; idField: string }
  | { link: "hop"; key: string; table: string; field: string; via: { table: string; field: string } };

/** Relation fields that point at `target`, of tables that are not lines of a composition. */
function pointersAt(compiled: CompiledSchema, target: string): { table: CompiledTable; field: string }[] {
  const out: { table: CompiledTable; field: string }[] = [];
  for (const table of compiled.tables.filter((t) => t.parent === null))
    for (const field of table.fields)
      if (isRelation(field) && !isComposition(field) && relationTarget(field) === target) out.push({ table, field: field.key });
  return out;
}

export function timelineSources(compiled: CompiledSchema, table: CompiledTable): TimelineSource[] {
  const sources: TimelineSource[] = [];
  const direct = pointersAt(compiled, table.key).filter((p) => p.table.key !== table.key);
  for (const p of direct) sources.push({ link: "relation", key: `${p.table.key}.${p.field}`, table: p.table.key, field: p.field });
  for (const other of compiled.tables) {
    const about = other.def["x-about"];
    if (!about || !other.fieldsByKey.has(about.table) || !other.fieldsByKey.has(about.id)) continue;
    sources.push({ link: "about", key: `${other.key}.${about.id}`, table: other.key, tableField: about.table, idField: about.id });
  }
  const directTables = new Set(direct.map((p) => p.table.key));
  const seen = new Set<string>();
  for (const via of direct)
    for (const p of pointersAt(compiled, via.table.key)) {
      const key = `${p.table.key}.${p.field}>${via.table.key}.${via.field}`;
      if (p.table.key === table.key || directTables.has(p.table.key) || seen.has(key)) continue;
      seen.add(key);
      sources.push({ link: "hop", key, table: p.table.key, field: p.field, via: { table: via.table.key, field: via.field } });
    }
  return sources;
}
