import defaultSchema from "@seeds/schema.json";
import { isRecordRef, type SeedRecord } from "@seeds/seed-record";
import { ApiError } from "../errors";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import { SYSTEM_ACTOR } from "../records/permissions";
import type { Runtime } from "../runtime.server";
import { USERS_TABLE } from "../schema/types";

export interface SeedUser {
  ref: string;
  values: { name: string; email: string; role: string; active?: boolean };
}

/**
 * Loads seed records through the records service, exactly like an integration would, so formulas,
 * autonumbers and validation apply to demo data too. `{ $ref: "table/ref" }` values become the ids
 * of records created earlier.
 */
export async function loadSeedRecords(
  runtime: Pick<Runtime, "db" | "records">,
  records: SeedRecord[],
  users: SeedUser[] = [],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const u of users) {
    const existing = (await runtime.db(SYSTEM_TABLES.users).where({ email: u.values.email }).first("id")) as { id: number } | undefined;
    let id = existing?.id;
    if (!id) {
      const now = dbNow();
      [id] = await runtime
        .db(SYSTEM_TABLES.users)
        .insert({ ...u.values, active: u.values.active ?? true, created_at: now, updated_at: now });
    }
    ids.set(`${USERS_TABLE}/${u.ref}`, Number(id));
  }
  const resolve = (value: unknown): unknown => {
    if (isRecordRef(value)) {
      const id = ids.get(value.$ref);
      if (id === undefined) throw new Error(`seed data refers to "${value.$ref}", which is not defined before it`);
      return id;
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };
  for (const r of records) {
    try {
      const created = await runtime.records.create(SYSTEM_ACTOR, r.table, resolve(r.values));
      ids.set(`${r.table}/${r.ref}`, created.id);
    } catch (error) {
      const details = error instanceof ApiError && error.details ? ` ${JSON.stringify(error.details)}` : "";
      throw new Error(`seed record ${r.table}/${r.ref} was refused: ${(error as Error).message}${details}`);
    }
  }
  return ids;
}

/** Applies the default configuration to an empty workspace and loads the demo records. */
export async function seedDefaultConfiguration(runtime: Runtime): Promise<{ records: number } | null> {
  try {
    await runtime.workspace.apply({ baseVersion: 0, schema: defaultSchema });
  } catch (error) {
    // Another instance starting at the same moment seeded it first.
    if (error instanceof ApiError && error.status === 409) return null;
    throw error;
  }
  // Loaded only here: the demo data is needed once, on the first start of an empty database.
  const { demoRecords, demoUsers } = await import("@seeds/demo-records");
  const records = demoRecords();
  await loadSeedRecords(runtime, records, demoUsers());
  return { records: records.length };
}
