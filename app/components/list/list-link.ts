import { listSearch, type ListParams } from "@runtime/views/list-params";

/** The address of a list with these params. */
export function listHref(tableKey: string, params: ListParams): string {
  return `/t/${encodeURIComponent(tableKey)}${listSearch(params)}`;
}

/** Hidden inputs carrying params into a GET form, minus the ones the form itself sets. */
export function hiddenEntries(params: ListParams, omit: string[]): [string, string][] {
  const search = new URLSearchParams(listSearch(params));
  return [...search.entries()].filter(([k]) => !omit.includes(k));
}
