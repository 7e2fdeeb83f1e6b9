import type { Knex } from "knex";
import { isRelation, relationTarget } from "../fields/structure";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { toRow } from "./rows";
import type { FieldErrors } from "./validation";

/**
 * The checks of a write that need the database: related records exist, unique values are free.
 * Each adds its message to `errors`, keyed by field, beside those of validation.
 */

export async function checkRelations(
  q: Knex,
  compiled: CompiledSchema,
  table: CompiledTable,
  values: Record<string, unknown>,
  errors: FieldErrors,
): Promise<void> {
  for (const f of table.fields) {
    if (!isRelation(f) || typeof values[f.key] !== "number" || errors[f.key]) continue;
    const targetKey = relationTarget(f)!;
    const exists = await q(targetKey)
      .where({ id: values[f.key] as number })
      .first("id");
    if (!exists) {
      const target = compiled.tablesByKey.get(targetKey);
      errors[f.key] = `${f.label}: there is no ${target?.label ?? "user"} with id ${values[f.key]}`;
    }
  }
}

/** Unique fields: a clear message before the insert; the unique index still settles races. */
export async function checkUnique(
  q: Knex,
  table: CompiledTable,
  values: Record<string, unknown>,
  selfId: number | null,
  errors: FieldErrors,
): Promise<void> {
  for (const f of table.fields) {
    if (f.def["x-unique"] !== true || errors[f.key]) continue;
    const v = values[f.key];
    if (v === null || v === undefined || v === "") continue;
    const dbValue = toRow(table, { [f.key]: v })[f.key] as Knex.Value;
    const other = q(table.key).where(f.key, dbValue).first("id");
    if (selfId !== null) other.whereNot("id", selfId);
    const found = (await other) as { id: number } | undefined;
    if (found) errors[f.key] = `${f.label} must be unique: ${table.label} #${found.id} already has ${JSON.stringify(v)}`;
  }
}
