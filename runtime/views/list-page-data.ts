import type { FilterOperator } from "../fields/types";
import type { Phrase } from "../i18n/words";
import type { CurrencySum } from "../records/board-fields";
import type { RecordJson } from "../records/rows";
import type { ListResult } from "../records/service.server";
import type { CompiledField } from "../schema/compile";
import type { CalendarSpan } from "./calendar-range";
import type { ListState } from "./effective-state";
import type { ListParams } from "./list-params";
import type { ItemTranslations } from "../i18n/item-names";

/** A field as the list screen needs it: the compiled field (plain data) and what it offers. */
export type ListField = CompiledField & { sortable: boolean; operators: FilterOperator[]; listable: boolean };

export interface ViewSummary {
  id: number;
  name: string;
  /** Its name in other languages: the tabs show `nameIn(view, language)`. */
  translations?: ItemTranslations;
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
  /** The languages a saved view may be named in besides its own (set by the app's route). */
  languages?: { language: string; name: string }[];
  /** The view the list starts from: the one in the address, else the table's default. */
  activeView: ViewSummary | null;
  /** Parts of the address or the view that could not be used, as sentences. */
  /** Sentences in English, or phrases to say in the reader's language. */
  notices: Array<string | Phrase>;
  /** Ids of rows with the "Overdue" state (computed for today, never stored). */
  overdueIds: number[];
  today: string;
  /** What the viewer's role may do to this table, so the list offers only that. */
  rights: { create: boolean; delete: boolean };
  /** Fields the list can be shown as a board by; empty when it cannot. */
  boardFields: { key: string; label: string }[];
  /** The board, when the address asks for one (`layout=board`). */
  board: BoardPageData | null;
  /** Date fields the list can be shown on a calendar by; empty when it cannot. */
  calendarFields: { key: string; label: string }[];
  /** The calendar, when the address asks for one (`layout=calendar`). */
  calendar: CalendarPageData | null;
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
  /** The refusal as a catalog phrase, for the list to say in its reader's language. */
  words?: Phrase;
}

export type ListActionResult =
  | { intent: "delete"; deleted: number[]; failed: BulkDeleteFailure[] }
  | { intent: "save-view" | "update-view" | "delete-view" | "set-default"; redirectTo: string; message: string };

/** One record on a calendar: enough to show it on its day and to move it with If-Match. */
export interface CalendarItem {
  id: number;
  version: number;
  title: string;
  /** The date field's value as the API speaks it. */
  value: string;
  /** The day it falls on (a date-time's in the firm's time zone). */
  day: string;
  /** `14:00` for a date-time, null for a date. */
  time: string | null;
}

export interface CalendarPageData {
  /** The date field the calendar places records by, and the others it could. */
  field: { key: string; label: string };
  fields: { key: string; label: string }[];
  /** The field holds a time of day too: moving keeps it, items show it. */
  withTime: boolean;
  span: CalendarSpan;
  /** The day the span is around, and today, both in the firm's time zone. */
  at: string;
  today: string;
  timeZone: string;
  /** The days shown, in order. */
  days: string[];
  /** Records on those days, in order of their date. */
  items: CalendarItem[];
  /** More records fall in the range than a calendar loads at once. */
  more: boolean;
  /** The viewer may change this field, so items can be dragged. */
  movable: boolean;
}
