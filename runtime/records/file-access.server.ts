import type { Knex } from "knex";
import { SYSTEM_TABLES } from "../db/system-tables.server";
import { FILE_ID_PATTERN } from "../fields/files";
import { holdsFiles } from "../fields/registry";
import type { CompiledSchema } from "../schema/compile";
import { applyScope } from "./access.server";
import { hiddenFields, isAdmin, mayDo, type Actor } from "./permissions";

const FILE_ID = new RegExp(FILE_ID_PATTERN);

/**
 * A file is read with the rights of the records that hold it: the actor may read one of them,
 * in their scope, in a field not hidden from them. An upload no record holds yet is its uploader's.
 * Admins read every file, those of records in the trash too.
 */
export async function mayReadFile(db: Knex, compiled: CompiledSchema, actor: Actor, fileId: unknown): Promise<boolean> {
  if (typeof fileId !== "string" || !FILE_ID.test(fileId)) return false;
  const file = (await db(SYSTEM_TABLES.files).where({ id: fileId }).first("created_by", "attached_at")) as
    { created_by: number | null; attached_at: unknown } | undefined;
  if (!file) return false;
  if (isAdmin(actor)) return true;
  if (file.attached_at === null) return actor.id !== null && Number(file.created_by) === actor.id;
  for (const table of compiled.tables) {
    if (!mayDo(actor, "read", table)) continue;
    const hidden = hiddenFields(actor, table);
    const fields = table.fields.filter((f) => holdsFiles(f) && !hidden.has(f.key));
    if (fields.length === 0) continue;
    // The id is 32 hex characters (checked above): nothing in it is special to LIKE.
    const q = db(table.key)
      .where((w) => {
        for (const f of fields) w.orWhere(`${table.key}.${f.key}`, "like", `%${fileId}%`);
      })
      .first("id");
    applyScope(q, actor, table);
    if (await q) return true;
  }
  return false;
}
