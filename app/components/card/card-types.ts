import type { FormatOptions } from "@runtime/fields/types";
import type { JsonValue } from "@runtime/json";
import type { MailOffer } from "@runtime/mail/types";
import type { CardLayout } from "@runtime/layouts/types";
import type { TimelinePage } from "@runtime/records/timeline";
import type { WorkspaceSchema } from "@runtime/schema/types";
import type { PrintMenuItem } from "../print-menu-items";
import type { Lines } from "./card-values";

/** Everything a card needs, serialized once; the browser compiles the schema itself. */
export interface CardData {
  tableKey: string;
  schema: WorkspaceSchema;
  schemaVersion: number;
  layout: CardLayout;
  notices: string[];
  /** Required fields the layout forgot, shown in an extra section so a record can still be saved. */
  extraFields: string[];
  record: Record<string, unknown> | null;
  /** Prefilled values of a new record (from the query string, e.g. `?client=12`). */
  initial: Record<string, unknown>;
  related: Record<string, { rows: Record<string, unknown>[]; total: number; columns: string[]; mayCreate?: boolean }>;
  /** Lists of other tables the formulas aggregate (an invoice's payments), for live totals. */
  formulaLists: Lines;
  format: FormatOptions;
  /** What the viewer's role may do here, so the card offers only that (the service still decides). */
  rights: CardRights;
  /** The Print menu of a stored record; absent when the actor may not print this table. */
  prints?: PrintMenuItem[];
  /** *Send by email* for a stored record the actor may read (disabled, with why, when mail is off). */
  mail?: MailOffer;
  /** The timeline of a stored record (its audit trail among the rest), newest first; absent on a new card. */
  timeline?: CardTimeline;
}

/** The actor's table rights and the fields it may read but not change, from the permission functions. */
export interface CardRights {
  create: boolean;
  update: boolean;
  delete: boolean;
  /** Field keys the role may read but not write. */
  locked: string[];
}

/** Everything allowed: what a card offers when the loader says nothing else (tests, previews). */
export const ALL_RIGHTS: CardRights = { create: true, update: true, delete: true, locked: [] };

export interface CardActionData {
  values?: Record<string, unknown>;
  lists?: Lines;
  errors?: Record<string, string>;
  formError?: string;
  conflict?: { message: string; current: Record<string, unknown> };
  /** The save never reached the server (the network failed on the way): the card keeps it on the device. */
  networkFailed?: boolean;
}

/** One audit entry of a card's History, with the author's name resolved by the loader. */
export interface CardHistoryEntry {
  id: number;
  at: string;
  /** Name of who did it; null for the system (imports, migrations without a signed-in user). */
  user: string | null;
  action: string;
  /** For updates `{ field: [before, after] }`, already without the fields the viewer may not see. */
  changes: JsonValue;
}

export type QuickAddType = "note" | "call" | "task";

/** A quick add the card offers beside its timeline, with its button's label. */
export interface QuickAdd {
  type: QuickAddType;
  label: string;
}

export interface CardTimeline {
  page: TimelinePage;
  adds: QuickAdd[];
}
