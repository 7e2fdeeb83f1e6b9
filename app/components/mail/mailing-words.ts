import type { TFunction } from "i18next";
import { SKIP_REASONS } from "@runtime/mail/mailing-types";

const SKIP_KEYS = new Map<string, string>(Object.entries(SKIP_REASONS).map(([key, reason]) => [reason, `mailings.skip.${key}`]));

/** Why a recipient is skipped, in the reader's words; a reason the catalog does not know, as stored. */
export function skipReason(t: TFunction, reason: string): string {
  const key = SKIP_KEYS.get(reason);
  return key ? t(key) : reason;
}

/** A mailing's list: a saved view by its name, the whole table as "All Clients" in the reader's words. */
export function listName(t: TFunction, viewId: string | number | null, name: string, tableLabel: string): string {
  return viewId === null || viewId === "all" ? t("mailings.allRecords", { records: tableLabel }) : name;
}
