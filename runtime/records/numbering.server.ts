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

/**
 * `assignAutonumbers` for many new records at once: one counter bump per field and period by the
 * number of records it numbers, handed out in the records' order — the numbers one by one would give.
 */
export async function assignAutonumbersMany(
  trx: Knex.Transaction,
  dialect: Dialect,
  table: CompiledTable,
  records: Record<string, unknown>[],
): Promise<void> {
  const day = today();
  for (const f of table.fields) {
    if (!isAutonumber(f)) continue;
    const pattern = f.def["x-pattern"]!;
    const cond = f.def["x-assign-when"];
    const byPeriod = new Map<string, { record: Record<string, unknown>; date: string }[]>();
    for (const record of records) {
      if (record[f.key] !== null && record[f.key] !== undefined && record[f.key] !== "") continue;
      if (cond && !conditionHolds(cond, record)) continue;
      const date = autonumberDate(f.def, record, day);
      const period = autonumberPeriod(pattern, date);
      let group = byPeriod.get(period);
      if (!group) byPeriod.set(period, (group = []));
      group.push({ record, date });
    }
    for (const [period, group] of byPeriod) {
      const column = dialect === "mysql" ? `${SYSTEM_TABLES.autonumbers}.last_value` : "last_value";
      await trx(SYSTEM_TABLES.autonumbers)
        .insert({ field_id: f.id, period, last_value: group.length })
        .onConflict(["field_id", "period"])
        .merge({ last_value: trx.raw(`?? + ${group.length}`, [column]) });
      const row = (await trx(SYSTEM_TABLES.autonumbers).where({ field_id: f.id, period }).first("last_value")) as { last_value: number };
      const first = Number(row.last_value) - group.length + 1;
      group.forEach(({ record, date }, i) => (record[f.key] = formatAutonumber(pattern, first + i, date)));
    }
  }
}
