import { CALENDAR_SPANS, parseDay, type CalendarSpan } from "./calendar-range";
import { decodeConditions, encodeConditions, type Condition, type ConditionMode } from "./conditions";
import type { Phrase } from "../i18n/words";
import { viewNotice } from "./view-words";

/**
 * What a list's address says, and only that: an absent key means "as the view has it". The
 * address holds the whole view state, so a list can be bookmarked and shared.
 *
 * `?q=acme&sort=-date&f=[["status","eq","issued"]]&m=or&cols=number,client&view=3&pageSize=100&page=7&cur=a.b`
 */
export interface ListParams {
  q?: string;
  /** `name`, `-date`; several keys comma-separated. */
  sort?: string;
  conditions?: Condition[];
  mode?: ConditionMode;
  columns?: string[];
  view?: number;
  /**
   * `board`: the same records as columns, one per value of `groupBy` (a choice or user field).
   * `calendar`: the same records on the days of their `date` field, a `span` around the day `at`.
   */
  layout?: "board" | "calendar";
  groupBy?: string;
  date?: string;
  span?: CalendarSpan;
  /** `YYYY-MM-DD`: the day the calendar's month or week is around (default today). */
  at?: string;
  pageSize?: number;
  page: number;
  /**
   * Keyset cursors of the pages walked with "Next", the last one being this page's. Kept in the
   * address so Back and Previous work without counting offsets on a table of a million rows.
   */
  cursors: string[];
}

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;
/** Cursors kept in the address; older pages fall back to offsets, which still work, only slower. */
export const MAX_CURSORS = 40;
const MAX_PAGE = 1_000_000;

const KEY = /^-?[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,2000}$/;

function wholeNumber(text: string | null): number | null {
  return text !== null && /^\d{1,9}$/.test(text) ? Number(text) : null;
}

/** The params of an address, with a sentence for each part that had to be left out. */
export function parseListParams(search: URLSearchParams): { params: ListParams; problems: Phrase[] } {
  const problems: Phrase[] = [];
  const params: ListParams = { page: 1, cursors: [] };

  const q = search.get("q");
  if (q !== null && q.trim() !== "") params.q = q.trim().slice(0, 200);

  const sort = search.get("sort");
  if (sort !== null && sort !== "") {
    if (sort.split(",").every((part) => KEY.test(part))) params.sort = sort;
    else problems.push(viewNotice("addressSort", { sort: sort.slice(0, 40) }));
  }

  const f = search.get("f");
  if (f !== null && f !== "") {
    const decoded = decodeConditions(f);
    if (decoded.ok) params.conditions = decoded.conditions;
    else problems.push(decoded.words);
  }
  if (search.get("m") === "or") params.mode = "or";
  const layout = search.get("layout");
  if (layout === "board" || layout === "calendar") params.layout = layout;
  const groupBy = search.get("groupBy");
  if (groupBy !== null && groupBy !== "") {
    if (KEY.test(groupBy) && !groupBy.startsWith("-")) params.groupBy = groupBy;
    else problems.push(viewNotice("addressGroupBy", { field: groupBy.slice(0, 40) }));
  }

  const date = search.get("date");
  if (date !== null && date !== "") {
    if (KEY.test(date) && !date.startsWith("-")) params.date = date;
    else problems.push(viewNotice("addressDate", { field: date.slice(0, 40) }));
  }
  const span = search.get("span");
  if (span !== null && span !== "") {
    if ((CALENDAR_SPANS as readonly string[]).includes(span)) params.span = span as CalendarSpan;
    else problems.push(viewNotice("addressSpan", { span: span.slice(0, 20) }));
  }
  const at = search.get("at");
  if (at !== null && at !== "") {
    const day = parseDay(at);
    if (day) params.at = day;
    else problems.push(viewNotice("addressDay", { day: at.slice(0, 20) }));
  }

  // `cols=a,b` from links, or one `cols` per checkbox from the column chooser posted without JavaScript.
  const cols = search
    .getAll("cols")
    .flatMap((c) => c.split(","))
    .map((c) => c.trim())
    .filter(Boolean);
  if (search.has("cols")) {
    const valid = cols.filter((c) => KEY.test(c) && !c.startsWith("-"));
    if (valid.length < cols.length) problems.push(viewNotice("addressColumns"));
    if (valid.length > 0) params.columns = [...new Set(valid)];
  }

  const view = search.get("view");
  if (view !== null && view !== "") {
    const id = wholeNumber(view);
    if (id !== null && id > 0) params.view = id;
    else problems.push(viewNotice("addressView", { view: view.slice(0, 20) }));
  }

  const pageSize = search.get("pageSize");
  if (pageSize !== null && pageSize !== "") {
    const n = wholeNumber(pageSize);
    if (n !== null && (PAGE_SIZES as readonly number[]).includes(n)) params.pageSize = n;
    else
      problems.push(
        viewNotice("addressPageSize", {
          sizes: PAGE_SIZES.slice(0, -1).join(", "),
          last: PAGE_SIZES[PAGE_SIZES.length - 1],
          size: pageSize.slice(0, 12),
        }),
      );
  }

  const page = search.get("page");
  if (page !== null && page !== "") {
    const n = wholeNumber(page);
    if (n !== null && n >= 1 && n <= MAX_PAGE) params.page = n;
    else problems.push(viewNotice("addressPage", { page: page.slice(0, 12) }));
  }

  const cur = search.get("cur");
  if (cur !== null && cur !== "" && params.page > 1) {
    const chain = cur.split(".");
    if (chain.every((c) => CURSOR.test(c)) && chain.length < params.page) params.cursors = chain.slice(-MAX_CURSORS);
    else problems.push(viewNotice("addressCursor"));
  }
  return { params, problems };
}

/** `?…` for params (empty string when there are none), in a stable key order. */
export function listSearch(params: ListParams): string {
  const out = new URLSearchParams();
  if (params.view !== undefined) out.set("view", String(params.view));
  if (params.q) out.set("q", params.q);
  if (params.sort) out.set("sort", params.sort);
  if (params.conditions !== undefined) out.set("f", encodeConditions(params.conditions));
  if (params.mode === "or") out.set("m", "or");
  if (params.layout) out.set("layout", params.layout);
  if (params.groupBy) out.set("groupBy", params.groupBy);
  if (params.date) out.set("date", params.date);
  if (params.span) out.set("span", params.span);
  if (params.at) out.set("at", params.at);
  if (params.columns !== undefined) out.set("cols", params.columns.join(","));
  if (params.pageSize !== undefined) out.set("pageSize", String(params.pageSize));
  if (params.page > 1) out.set("page", String(params.page));
  if (params.page > 1 && params.cursors.length > 0) out.set("cur", params.cursors.join("."));
  const text = out.toString();
  return text ? `?${text}` : "";
}

/** Params for a different result set: any change of what is listed starts again at page 1. */
export function withChanges(params: ListParams, changes: Partial<Omit<ListParams, "page" | "cursors">>): ListParams {
  return { ...params, ...changes, page: 1, cursors: [] };
}

/** The next page: its cursor joins the chain, so Previous can step back the same way. */
export function nextPageParams(params: ListParams, nextCursor: string): ListParams {
  return { ...params, page: params.page + 1, cursors: [...params.cursors, nextCursor].slice(-MAX_CURSORS) };
}

export function previousPageParams(params: ListParams): ListParams {
  return { ...params, page: Math.max(1, params.page - 1), cursors: params.page > 2 ? params.cursors.slice(0, -1) : [] };
}

/** An offset page (used for the first page numbers, where offsets cost nothing). */
export function pageParams(params: ListParams, page: number): ListParams {
  return { ...params, page, cursors: [] };
}

/** The cursor the records service should continue after, if this page was reached by "Next". */
export function currentCursor(params: ListParams): string | undefined {
  return params.page > 1 && params.cursors.length > 0 ? params.cursors[params.cursors.length - 1] : undefined;
}
