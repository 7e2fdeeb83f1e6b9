import type { FormatOptions } from "../../../runtime/fields/types";
import type { CardLayout } from "../../../runtime/layouts/types";
import type { WorkspaceSchema } from "../../../runtime/schema/types";
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
  related: Record<string, { rows: Record<string, unknown>[]; total: number; columns: string[] }>;
  /** Lists of other tables the formulas aggregate (an invoice's payments), for live totals. */
  formulaLists: Lines;
  format: FormatOptions;
  /** The Print menu of a stored record; absent when the actor may not print this table. */
  prints?: PrintMenuItem[];
}

export interface CardActionData {
  values?: Record<string, unknown>;
  lists?: Lines;
  errors?: Record<string, string>;
  formError?: string;
  conflict?: { message: string; current: Record<string, unknown> };
}

