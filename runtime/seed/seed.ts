/**
 * What an installation starts from, as the engine is handed it: a configuration (the parts of a
 * configuration bundle, plus what the built-in roles may do with its tables) and demo data. The
 * engine owns the shape; the value comes from whoever starts it (`seeds/default-configuration.ts`
 * for the app and the CLI, a test's own for a test).
 */
import type { ExchangeRate } from "../exchange/convert";
import type { TableRights } from "../auth/roles";
import type { DefaultMailTemplate } from "../mail/mail-templates.server";
import type { RuleDefinition } from "../automation/types";
import type { BundleLayout, BundleView } from "../config-bundle/bundle-format";
import type { HomePanel } from "../home/panels";
import type { PrintTemplate } from "../print/template";
import type { DefaultDashboard } from "../reports/dashboards.server";
import type { DefaultReport } from "../reports/reports.server";
import type { WorkspaceSchema } from "../schema/types";

/** Points at another seed record by `<table>/<ref>`, e.g. `clients/acme` or `crm_users/anna`. */
export interface RecordRef {
  $ref: string;
}

export interface SeedRecord {
  table: string;
  /** Unique within its table; other records point here with `{ $ref: "<table>/<ref>" }`. */
  ref: string;
  /** Field values; composition children are nested under the list's name (`items: [...]`). */
  values: Record<string, unknown>;
}

export interface SeedUser {
  /** Records point at the user as `{ $ref: "crm_users/<ref>" }`. */
  ref: string;
  values: { name: string; email: string; role: string; active?: boolean };
}

export interface DemoData {
  /** Created first: records may point at them. */
  users: SeedUser[];
  /** In creation order: every `{ $ref }` points at a user or a record listed earlier. */
  records: SeedRecord[];
  /** Stored before the records: payments in other currencies are converted at these. */
  exchangeRates?: { base: string; rates: ExchangeRate[] };
}

/** Rights of the built-in roles on the configuration's tables: role key → table `x-id` → rights. */
export type BuiltinRoleRights = Record<string, Record<string, TableRights>>;

export interface SeedConfiguration {
  schema: WorkspaceSchema;
  layouts: BundleLayout[];
  views: BundleView[];
  /**
   * Also offered to a database that lacks them later (one from before print templates): a
   * template the admin deleted stays deleted.
   */
  templates: readonly PrintTemplate[];
  /** Tables a role's rights do not name get its `*` rights (admin and staff: all; accountant: read and print). */
  roleRights: BuiltinRoleRights;
  /**
   * Rules (reminders, collections, …) created when an empty database is seeded, after the demo
   * data, by the system: the demo records' own writes trigger none of them, but date rules find
   * what is due in them at the next tick.
   */
  rules?: readonly RuleDefinition[];
  /** Saved reports shared with roles, stored when an empty database is seeded. */
  reports?: readonly DefaultReport[];
  /** Dashboards of those reports for the roles' home pages, stored with them. */
  dashboards?: readonly DefaultDashboard[];
  /** Message templates (*Send by email* fills its subject and body from the table's first), stored when an empty database is seeded. */
  mailTemplates?: readonly DefaultMailTemplate[];
  /**
   * What each role sees on its home page (runtime/home/panels.ts), stored the first time a
   * database is asked for it, like print templates: panels over tables an admin removed drop out.
   */
  home?: readonly HomePanel[];
}

export interface Seed {
  configuration: SeedConfiguration;
  /** Asked for only when an empty database is seeded: demo data is large and needed once. */
  demoData?: () => Promise<DemoData>;
}

export function isRecordRef(value: unknown): value is RecordRef {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { $ref?: unknown }).$ref === "string"
  );
}
