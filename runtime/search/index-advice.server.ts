import type { Knex } from "knex";
import { SYSTEM_TABLES } from "../db/system-tables.server";
import type { CompiledSchema } from "../schema/compile";
import { fromStoredState } from "../views/stored-view";
import { adviseIndex, type IndexAdvice } from "./index-advisor";

export interface ViewIndexAdvice extends IndexAdvice {
  viewId: number;
  view: string;
  table: string;
}

/**
 * Every saved view's filter and sort are known, so the composite index each one needs is too.
 * Nothing is created here: the advice is an `x-indexes` entry the admin adds to the schema, and
 * the migration review shows it like any other change.
 */
export async function indexAdviceForViews(db: Knex, schema: CompiledSchema): Promise<ViewIndexAdvice[]> {
  const rows = (await db(SYSTEM_TABLES.views).select("id", "table_id", "name", "state")) as {
    id: number;
    table_id: string;
    name: string;
    state: string;
  }[];
  const out: ViewIndexAdvice[] = [];
  for (const row of rows) {
    const table = schema.tablesById.get(row.table_id);
    if (!table) continue;
    let stored: unknown;
    try {
      stored = JSON.parse(row.state);
    } catch {
      continue;
    }
    const advice = adviseIndex(table, fromStoredState(table, stored, row.name).state);
    if (advice) out.push({ ...advice, viewId: Number(row.id), view: row.name, table: table.key });
  }
  return out.sort((a, b) => Number(a.served) - Number(b.served) || a.table.localeCompare(b.table));
}
