import type { Knex } from "knex";
import { dialectOf, columnTypeSql } from "../db/ddl.server";
import { isUniqueViolation } from "../db/db-errors";
import { dbNow } from "../db/system-tables.server";

/**
 * Which record cards each person opened last: a small system table written when a card is opened
 * and read back by the home's "recently opened" panel through the records service, so a record
 * deleted since, or one the person may no longer read, drops out on its own.
 */
export const RECORD_VIEWS_TABLE = "crm_record_views";

/** Views kept per person: the panel shows fewer, the rest stand in for records that drop out. */
export const VIEWS_KEPT = 20;

export async function ensureRecordViewsTable(db: Knex): Promise<void> {
  if (await db.schema.hasTable(RECORD_VIEWS_TABLE)) return;
  const datetime = columnTypeSql({ type: "datetime" }, dialectOf(db));
  try {
    await db.schema.createTable(RECORD_VIEWS_TABLE, (t) => {
      t.increments("id").primary();
      t.integer("user_id").notNullable();
      // By id: a renamed table keeps its views.
      t.string("table_id", 64).notNullable();
      t.integer("record_id").notNullable();
      t.specificType("opened_at", datetime).notNullable();
      t.unique(["user_id", "table_id", "record_id"], { indexName: "crm_record_views_record" });
      t.index(["user_id", "id"], "crm_record_views_user");
      if (dialectOf(db) === "mysql") {
        t.charset("utf8mb4");
        t.collate("utf8mb4_unicode_ci");
        t.engine("InnoDB");
      }
    });
  } catch (error) {
    // Two instances starting at once: the other one created it first.
    if (!(await db.schema.hasTable(RECORD_VIEWS_TABLE))) throw error;
  }
}

/** Moves the record to the top of the person's views and forgets views beyond the last `VIEWS_KEPT`. */
export async function noteRecordView(db: Knex, userId: number, tableId: string, recordId: number, at = new Date()): Promise<void> {
  try {
    await moveToTop(db, userId, tableId, recordId, at);
  } catch (error) {
    // The same card opened in two tabs at once: the other request noted it.
    if (!isUniqueViolation(error)) throw error;
  }
}

async function moveToTop(db: Knex, userId: number, tableId: string, recordId: number, at: Date): Promise<void> {
  await db.transaction(async (trx) => {
    await trx(RECORD_VIEWS_TABLE).where({ user_id: userId, table_id: tableId, record_id: recordId }).delete();
    await trx(RECORD_VIEWS_TABLE).insert({ user_id: userId, table_id: tableId, record_id: recordId, opened_at: dbNow(at) });
    const stale = (await trx(RECORD_VIEWS_TABLE)
      .where({ user_id: userId })
      .orderBy("id", "desc")
      .offset(VIEWS_KEPT)
      .limit(1000)
      .select("id")) as { id: number }[];
    if (stale.length)
      await trx(RECORD_VIEWS_TABLE)
        .whereIn(
          "id",
          stale.map((r) => r.id),
        )
        .delete();
  });
}

/** The person's views, newest first. */
export async function recordViews(db: Knex, userId: number): Promise<{ tableId: string; recordId: number }[]> {
  const rows = (await db(RECORD_VIEWS_TABLE)
    .where({ user_id: userId })
    .orderBy("id", "desc")
    .limit(VIEWS_KEPT)
    .select("table_id", "record_id")) as {
    table_id: string;
    record_id: number;
  }[];
  return rows.map((r) => ({ tableId: String(r.table_id), recordId: Number(r.record_id) }));
}
