import type { FilterOperator } from "../fields/types";
import type { CurrencySum } from "../records/board-fields";
import type { RecordJson } from "../records/rows";
import type { ListResult } from "../records/service.server";
import type { CompiledField } from "../schema/compile";
import type { ListState } from "./effective-state";
import type { ListParams } from "./list-params";

/** A field as the list screen needs it: the compiled field (plain data) and what it offers. */
export type ListField = CompiledField & { sortable: boolean; operators: FilterOperator[]; listable: boolean };

export interface ViewSummary {
  id: number;
  name: string;
  shared: boolean;
  isDefault: boolean;
  editable: boolean;
}

/** The records service's page (rows, total, cursor) with what the list screen adds around it. */
export interface ListPageData extends ListResult {
  table: { key: string; label: string; pluralLabel: string; titleField: string | null };
  fields: ListField[];
  /** What the address says; links are built from it. */
  params: ListParams;
  /** What is shown: the view with the address's overrides. */
  state: ListState;
  views: ViewSummary[];
  /** The view the list starts from: the one in the address, else the table's default. */
  activeView: ViewSummary | null;
  /** Parts of the address or the view that could not be used, as sentences. */
  notices: string[];
  /** Ids of rows with the "Overdue" state (computed for today, never stored). */
  overdueIds: number[];
  today: string;
  /** What the viewer's role may do to this table, so the list offers only that. */
  rights: { create: boolean; delete: boolean };
  /** Fields the list can be shown as a board by; empty when it cannot. */
  boardFields: { key: string; label: string }[];
  /** The board, when the address asks for one (`layout=board`). */
  board: BoardPageData | null;
  /** Titles of records that relation conditions name, by `field:id`, for the filter chips. */
  refTitles: Record<string, string>;
}

/** One column of a board: a value of the grouping field, its count and money sum, its first cards. */
export interface BoardColumn {
  value: string | number | null;
  label: string;
  /** The option's win probability (`x-option-meta`), when it has one. */
  probability: number | null;
  count: number;
  /** The column's money, per currency (never added up across currencies). */
  sums: CurrencySum[];
  cards: RecordJson[];
  nextCursor: string | null;
  /** The column's filter as JSON, as the records API takes it, for paging on in the browser. */
  filter: string;
}

export interface BoardPageData {
  groupBy: string;
  groupFields: { key: string; label: string }[];
  /** The money field each column sums, if the table has one. */
  sumField: string | null;
  /** Fields a card shows under its title. */
  cardFields: string[];
  expand: string | null;
  columns: BoardColumn[];
  /** The funnel of the same records, when the board follows stages with win probabilities. */
  funnelHref: string | null;
}

export interface BulkDeleteFailure {
  id: number;
  message: string;
}

export type ListActionResult =
  | { intent: "delete"; deleted: number[]; failed: BulkDeleteFailure[] }
  | { intent: "save-view" | "update-view" | "delete-view" | "set-default"; redirectTo: string; message: string };
