import { storeRates } from "../exchange/rates.server";
import type { Knex } from "knex";
import type { MailTemplates } from "../mail/mail-templates.server";
import type { RulesService } from "../automation/rules.server";
import { grantBuiltinRoleRights } from "../auth/roles.server";
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type ConfigBundle } from "../config-bundle/bundle-format";
import type { ConfigBundleService } from "../config-bundle/bundle.server";
import { ApiError } from "../errors";
import { dbNow, SYSTEM_TABLES } from "../db/system-tables.server";
import { SYSTEM_ACTOR } from "../records/permissions";
import type { RecordsService } from "../records/service.server";
import type { DashboardsService } from "../reports/dashboards.server";
import type { ReportsService } from "../reports/reports.server";
import { USERS_TABLE } from "../schema/types";
import { isRecordRef, type Seed, type SeedConfiguration, type SeedRecord, type SeedUser } from "./seed";

/**
 * Loads seed records through the records service, exactly like an integration would, so formulas,
 * autonumbers and validation apply to demo data too. `{ $ref: "table/ref" }` values become the ids
 * of records created earlier.
 */
export async function loadSeedRecords(
  runtime: { db: Knex; records: Pick<RecordsService, "create"> },
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

/** The configuration as a bundle, so seeding is checked and written exactly like an admin's import. */
function bundleOf(configuration: SeedConfiguration): ConfigBundle {
  const { schema, layouts, views, templates } = structuredClone(configuration);
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    schema,
    layouts,
    views,
    templates: [...templates],
  };
}

/**
 * Seeds an empty database: imports the configuration (schema, card layouts, views, print
 * templates), gives the built-in roles their rights on its tables, loads the demo data and creates
 * the configuration's rules.
 * Answers null when the database was not empty (another instance starting at the same moment
 * seeded it first).
 */
export async function seedDatabase(
  runtime: {
    db: Knex;
    records: Pick<RecordsService, "create">;
    bundles: Pick<ConfigBundleService, "apply">;
    automation: { rules: Pick<RulesService, "create"> };
    reports: Pick<ReportsService, "addDefaults">;
    dashboards: Pick<DashboardsService, "addDefaults">;
    mail: { templates: Pick<MailTemplates, "addDefaults"> };
  },
  seed: Seed,
): Promise<{ records: number } | null> {
  try {
    await runtime.bundles.apply(SYSTEM_ACTOR, bundleOf(seed.configuration), { baseVersion: 0 });
  } catch (error) {
    // Another instance seeded it first (409), or is applying its schema right now (503): it seeds.
    if (error instanceof ApiError && (error.status === 409 || error.status === 503)) return null;
    throw error;
  }
  await grantBuiltinRoleRights(runtime.db, seed.configuration.roleRights);
  const demo = (await seed.demoData?.()) ?? { users: [], records: [] };
  if (demo.exchangeRates) await storeRates(runtime.db, demo.exchangeRates.base, demo.exchangeRates.rates);
  await loadSeedRecords(runtime, demo.records, demo.users);
  for (const rule of seed.configuration.rules ?? []) await runtime.automation.rules.create(SYSTEM_ACTOR, rule);
  await runtime.reports.addDefaults(seed.configuration.reports ?? []);
  await runtime.dashboards.addDefaults(seed.configuration.dashboards ?? []);
  await runtime.mail.templates.addDefaults(seed.configuration.mailTemplates ?? []);
  return { records: demo.records.length };
}
