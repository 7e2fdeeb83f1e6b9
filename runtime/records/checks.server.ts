import type { Knex } from "knex";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import type { FileValue } from "../fields/files";
import { holdsFiles } from "../fields/registry";
import { isRelation, relationTarget } from "../fields/structure";
import type { CompiledSchema, CompiledTable } from "../schema/compile";
import { USERS_TABLE } from "../schema/types";
import { isAdmin, type Actor } from "./permissions";
import { toRow } from "./rows";
import { addFieldPhrase } from "./field-phrases";
import { recordWords } from "./record-words";
import type { FieldErrors } from "./validation";

/**
 * The checks of a write that need the database: related records exist, unique values are free.
 * Each adds its message to `errors`, keyed by field, beside those of validation.
 */

/**
 * Users known to exist, per transaction. Users are deactivated, never deleted, so one that existed
 * still does: a batch of rule runs assigning hundreds of tasks to a few managers asks once per
 * manager.
 */
const seenUsers = new WeakMap<Knex, Set<number>>();
function usersSeen(q: Knex): Set<number> | null {
  if (!(q as Knex.Transaction).isTransaction) return null;
  let set = seenUsers.get(q);
  if (!set) seenUsers.set(q, (set = new Set()));
  return set;
}

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
    const id = values[f.key] as number;
    const knownUsers = targetKey === USERS_TABLE ? usersSeen(q) : null;
    if (knownUsers?.has(id)) continue;
    const exists = await q(targetKey).where({ id }).first("id");
    if (exists) knownUsers?.add(id);
    else {
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
    if (found)
      addFieldPhrase(errors, f.key, recordWords, {
        key: "refusals.records.unique",
        values: { label: f.label, table: table.label, id: found.id, value: JSON.stringify(v) },
      });
  }
}

interface StoredFileRow {
  id: string;
  size: number | string;
  type: string;
  created_by: number | null;
  attached_at: unknown;
}

/** The file values a write sets, by field key: each field holds one file or none. */
function fileValues(table: CompiledTable, values: Record<string, unknown>): [string, FileValue][] {
  const out: [string, FileValue][] = [];
  for (const f of table.fields) {
    const v = values[f.key];
    if (holdsFiles(f) && v !== null && typeof v === "object" && typeof (v as FileValue).id === "string") out.push([f.key, v as FileValue]);
  }
  return out;
}

/**
 * A file value names a file the store holds, as it was stored (size and type: `x-accept` and
 * `x-max-size` were checked on what the value says). An upload no record holds yet belongs to its
 * uploader: nobody else can take it onto a record to read it.
 */
export async function checkFiles(
  q: Knex,
  actor: Actor,
  table: CompiledTable,
  values: Record<string, unknown>,
  errors: FieldErrors,
): Promise<void> {
  const wanted = fileValues(table, values).filter(([key]) => !errors[key]);
  if (wanted.length === 0) return;
  const rows = (await q(SYSTEM_TABLES.files)
    .whereIn(
      "id",
      wanted.map(([, v]) => v.id),
    )
    .select("id", "size", "type", "created_by", "attached_at")) as StoredFileRow[];
  const stored = new Map(rows.map((r) => [r.id, r]));
  for (const [key, value] of wanted) {
    const label = table.fieldsByKey.get(key)!.label;
    const row = stored.get(value.id);
    const othersUpload = row && row.attached_at === null && row.created_by !== actor.id && !isAdmin(actor);
    if (!row || othersUpload)
      errors[key] = `${label}: there is no uploaded file ${value.id}; upload it first (POST /api/files) and send the id it answers`;
    else if (Number(row.size) !== value.size || row.type !== value.type)
      errors[key] =
        `${label}: the size or type does not match the uploaded file ${value.id} (${row.size} bytes, ${row.type || "no type"}); send them as the upload answered`;
  }
}

/** Marks the files a write put on a record as held, inside its transaction: they are kept for good. */
export async function attachFiles(trx: Knex, table: CompiledTable, values: Record<string, unknown>): Promise<void> {
  const ids = fileValues(table, values).map(([, v]) => v.id);
  if (ids.length) await trx(SYSTEM_TABLES.files).whereIn("id", ids).whereNull("attached_at").update({ attached_at: dbNow() });
}

/**
 * `x-same-as: "invoice.currency"`: the value equals that field of the linked record (a payment in
 * the invoice's currency). `record` is the whole record as it will be stored.
 */
export async function checkSameAs(
  q: Knex,
  compiled: CompiledSchema,
  table: CompiledTable,
  record: Record<string, unknown>,
  errors: FieldErrors,
): Promise<void> {
  for (const f of table.fields) {
    const path = f.def["x-same-as"];
    if (typeof path !== "string" || errors[f.key]) continue;
    const [via, field] = path.split(".");
    const link = table.fieldsByKey.get(via);
    const target = link && compiled.tablesByKey.get(relationTarget(link) ?? "");
    const id = record[via];
    if (!target || typeof id !== "number" || record[f.key] === null || record[f.key] === undefined) continue;
    const row = (await q(target.key).where({ id }).first(field)) as Record<string, unknown> | undefined;
    const wanted = row?.[field];
    if (row && wanted !== null && wanted !== record[f.key])
      errors[f.key] =
        `${f.label} must be ${JSON.stringify(wanted)}, the ${target.fieldsByKey.get(field)?.label ?? field} of ${target.label} #${id} (its ${link.label}): make them the same`;
  }
}
