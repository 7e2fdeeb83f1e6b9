import type { Knex } from "knex";
import { getSetting, putSetting, SETTINGS_TABLE } from "../auth/settings.server";
import { dialectOf } from "../db/ddl.server";
import { dbNow } from "../db/system-tables.server";
import { mailRefusal } from "./mail-words";

/**
 * The mailing rate limit: at most N mailing messages a minute from this installation, spaced
 * evenly (one every 60/N s), whichever instance sends them. The next free moment is one shared
 * row in the settings; taking a slot moves it on inside the caller's transaction. Single messages
 * from a card are not limited: a person sends those one at a time.
 */
export const MAILING_RATE_SETTING = "mail.mailing_rate_per_minute";
const NEXT_SLOT_SETTING = "mail.mailing_next_slot";
export const DEFAULT_MAILING_RATE = 60;
export const MAX_MAILING_RATE = 6_000;

export async function mailingRate(db: Knex): Promise<number> {
  const n = Number(await getSetting(db, MAILING_RATE_SETTING));
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAILING_RATE;
}

export async function saveMailingRate(db: Knex, raw: unknown): Promise<number> {
  const n = typeof raw === "string" && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1 || n > MAX_MAILING_RATE)
    throw mailRefusal(400, "rate", { max: MAX_MAILING_RATE });
  await putSetting(db, MAILING_RATE_SETTING, String(n));
  return n;
}

/**
 * Takes the next `count` send slots from `now` on: when each message may go. Inside `trx`: the
 * shared row is locked (MySQL) or the transaction is the only writer (SQLite), so two mailings
 * never take the same slot.
 */
export async function takeSendSlots(trx: Knex.Transaction, now: Date, count: number): Promise<Date[]> {
  const interval = 60_000 / (await mailingRate(trx));
  const q = trx(SETTINGS_TABLE).where({ key: NEXT_SLOT_SETTING }).first("value");
  const row = (await (dialectOf(trx) === "mysql" ? q.forUpdate() : q)) as { value: string } | undefined;
  const stored = row ? Date.parse(`${row.value.replace(" ", "T")}Z`) : NaN;
  let next = Math.max(now.getTime(), Number.isFinite(stored) ? stored : 0);
  const slots: Date[] = [];
  for (let i = 0; i < count; i++) {
    slots.push(new Date(next));
    next += interval;
  }
  await putSetting(trx, NEXT_SLOT_SETTING, dbNow(new Date(next)));
  return slots;
}

/** A stored `dbNow` text as a Date. */
export const fromDbTime = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
