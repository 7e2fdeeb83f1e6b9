import { StaleSchemaError } from "../db/db-errors";
import { fieldKinds } from "../fields/registry";
import type { CompiledField, CompiledTable } from "../schema/compile";

/** A record as the API speaks it. */
export type RecordJson = Record<string, unknown> & { id: number; version: number };

function kindOf(f: CompiledField) {
  return fieldKinds[f.kind];
}

type ColumnReader = { key: string; def: CompiledField["def"]; fromDb: (raw: unknown, def: CompiledField["def"]) => unknown };
/** Each field's reader, its kind asked once per compiled table rather than once per cell. */
const readersByTable = new WeakMap<CompiledTable, ColumnReader[]>();
function readersOf(table: CompiledTable): ColumnReader[] {
  let readers = readersByTable.get(table);
  if (!readers) {
    readers = table.fields.map((f) => ({ key: f.key, def: f.def, fromDb: kindOf(f).fromDb }));
    readersByTable.set(table, readers);
  }
  return readers;
}

/** `2026-11-24 10:15:00.000` (either driver) → `2026-11-24T10:15:00.000Z`. */
export function systemTimeToJson(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const s = String(raw);
  // MariaDB's DATETIME(3) text, nearly every row's: one concatenation, not a split and a pad.
  if (s.length === 23 && s.charCodeAt(10) === 32 && s.charCodeAt(19) === 46) return `${s.slice(0, 10)}T${s.slice(11)}Z`;
  if (s.includes("T")) return s.endsWith("Z") ? s : `${s}Z`;
  const [date, time = "00:00:00"] = s.split(" ");
  const withMs = time.includes(".") ? time.padEnd(12, "0").slice(0, 12) : `${time}.000`;
  return `${date}T${withMs}Z`;
}

/** A `select *` row of `table` has every column the schema names, or the schema moved on (`StaleSchemaError`). */
export function refuseMissingColumns(table: CompiledTable, row: Record<string, unknown> | undefined): void {
  if (!row) return;
  for (const f of table.fields) if (!(f.key in row)) throw new StaleSchemaError(table.key, f.key);
}

export function fromRow(table: CompiledTable, row: Record<string, unknown>): RecordJson {
  const out: Record<string, unknown> = {
    id: Number(row.id),
    version: Number(row.version),
    created_at: systemTimeToJson(row.created_at),
    updated_at: systemTimeToJson(row.updated_at),
    created_by: row.created_by === null || row.created_by === undefined ? null : Number(row.created_by),
    updated_by: row.updated_by === null || row.updated_by === undefined ? null : Number(row.updated_by),
  };
  for (const f of readersOf(table)) out[f.key] = f.fromDb(row[f.key], f.def);
  return out as RecordJson;
}

/** Field values → columns. Only the table's own fields ever become column names. */
export function toRow(table: CompiledTable, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of table.fields) {
    if (!(f.key in values)) continue;
    const v = values[f.key];
    out[f.key] = v === null || v === undefined || v === "" ? null : kindOf(f).toDb(v, f.def);
  }
  return out;
}

export function fieldValues(table: CompiledTable, record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of table.fields) if (f.key in record) out[f.key] = record[f.key];
  return out;
}
