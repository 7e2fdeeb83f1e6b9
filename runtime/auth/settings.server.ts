import type { Knex } from "knex";

export const SETTINGS_TABLE = "crm_settings";

/**
 * Small key/value settings every app instance must agree on (e.g. the cookie-signing secret when
 * SESSION_SECRET is unset). Kept in the database, never in process memory. Idempotent.
 */
export async function ensureSettingsTable(db: Knex): Promise<void> {
  if (await db.schema.hasTable(SETTINGS_TABLE)) return;
  try {
    await db.schema.createTable(SETTINGS_TABLE, (t) => {
      t.string("key", 100).primary();
      t.text("value").notNullable();
    });
  } catch (error) {
    if (!(await db.schema.hasTable(SETTINGS_TABLE))) throw error;
  }
}

export async function getSetting(db: Knex, key: string): Promise<string | null> {
  const row = (await db(SETTINGS_TABLE).where({ key }).first("value")) as { value: string } | undefined;
  return row ? String(row.value) : null;
}

/**
 * The stored value, or `make()` stored now. When two instances race, the first insert wins and
 * both return that one value.
 */
export async function getOrCreateSetting(db: Knex, key: string, make: () => string): Promise<string> {
  const existing = await getSetting(db, key);
  if (existing !== null) return existing;
  try {
    await db(SETTINGS_TABLE).insert({ key, value: make() });
  } catch {
    // another instance inserted it first: read theirs below
  }
  const stored = await getSetting(db, key);
  if (stored === null) throw new Error(`the setting "${key}" could not be stored`);
  return stored;
}

/** Stores `value` under `key`, replacing what was there. */
export async function putSetting(db: Knex, key: string, value: string): Promise<void> {
  await db(SETTINGS_TABLE).insert({ key, value }).onConflict("key").merge(["value"]);
}
