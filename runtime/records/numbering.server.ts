import type { Knex } from "knex";
import type { Dialect } from "../db/connection.server";
import { SYSTEM_TABLES } from "../db/system-tables.server";
import { isAutonumber } from "../fields/structure";
import type { CompiledTable } from "../schema/compile";
import { autonumberDate, autonumberFormat, autonumberPeriod, conditionHolds, formatAutonumber } from "./autonumber";

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
    // Per period, the records in their order and the date each is numbered under.
    const byPeriod = new Map<string, { records: Record<string, unknown>[]; dates: string[] }>();
    for (const record of records) {
      if (record[f.key] !== null && record[f.key] !== undefined && record[f.key] !== "") continue;
      if (cond && !conditionHolds(cond, record)) continue;
      const date = autonumberDate(f.def, record, day);
      const period = autonumberPeriod(pattern, date);
      let group = byPeriod.get(period);
      if (!group) byPeriod.set(period, (group = { records: [], dates: [] }));
      group.records.push(record);
      group.dates.push(date);
    }
    for (const [period, { records: group, dates }] of byPeriod) {
      const column = dialect === "mysql" ? `${SYSTEM_TABLES.autonumbers}.last_value` : "last_value";
      await trx(SYSTEM_TABLES.autonumbers)
        .insert({ field_id: f.id, period, last_value: group.length })
        .onConflict(["field_id", "period"])
        .merge({ last_value: trx.raw(`?? + ${group.length}`, [column]) });
      const row = (await trx(SYSTEM_TABLES.autonumbers).where({ field_id: f.id, period }).first("last_value")) as { last_value: number };
      const first = Number(row.last_value) - group.length + 1;
      // The text around the counter, once per date rather than once per record.
      const formats = new Map<string, (n: number) => string>();
      for (let i = 0; i < group.length; i++) {
        let format = formats.get(dates[i]);
        if (!format) formats.set(dates[i], (format = autonumberFormat(pattern, dates[i])));
        group[i][f.key] = format(first + i);
      }
    }
  }
}
