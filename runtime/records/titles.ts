import type { CompiledTable } from "../schema/compile";

/**
 * How a record is named to people: in expanded relations, the trash and messages about it. Pure.
 */

/** The title field's value, else "Client #7"; a user (no compiled table) by name. */
export function titleOf(table: CompiledTable | null, row: Record<string, unknown>): string {
  if (!table) return String(row.name ?? `#${row.id}`);
  const v = table.titleField ? row[table.titleField] : null;
  return v === null || v === undefined || v === "" ? `${table.label} #${row.id}` : String(v);
}
