import type { Knex } from "knex";
import type { Dialect } from "../db/connection.server";
import { SYSTEM_TABLES } from "../db/system-tables.server";
import { isAutonumber } from "../fields/structure";
import type { CompiledTable } from "../schema/compile";
import { autonumberDate, autonumberPeriod, conditionHolds, formatAutonumber } from "./autonumber";

/**
 * Autonumbers (`INV-2026-0007`) taken from a counter per field and period inside the saving
 * transaction. The pattern, period and condition are `autonumber.ts`.
 */

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Numbers each empty autonumber field of `record` whose condition holds, in place. */
export async function assignAutonumbers(
  trx: Knex.Transaction,
  dialect: Dialect,
  table: CompiledTable,
  record: Record<string, unknown>,
): Promise<void> {
  for (const f of table.fields) {
    if (!isAutonumber(f) || (record[f.key] !== null && record[f.key] !== undefined && record[f.key] !== "")) continue;
    const cond = f.def["x-assign-when"];
    if (cond && !conditionHolds(cond, record)) continue;
    const pattern = f.def["x-pattern"]!;
    const date = autonumberDate(f.def, record, today());
    const period = autonumberPeriod(pattern, date);
    // The counter row stays locked until the record's transaction commits, so numbers are
    // unique and gapless even under concurrent saves; a rolled-back save gives its number back.
    await trx(SYSTEM_TABLES.autonumbers)
      .insert({ field_id: f.id, period, last_value: 1 })
      .onConflict(["field_id", "period"])
      .merge({ last_value: trx.raw("?? + 1", [dialect === "mysql" ? `${SYSTEM_TABLES.autonumbers}.last_value` : "last_value"]) });
    const row = (await trx(SYSTEM_TABLES.autonumbers).where({ field_id: f.id, period }).first("last_value")) as { last_value: number };
    record[f.key] = formatAutonumber(pattern, Number(row.last_value), date);
  }
}
