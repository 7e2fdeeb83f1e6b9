import type { Knex } from "knex";
import { dbNow } from "../db/system-tables.server";
import { requireAdmin, type Actor } from "../records/permissions";
import { SUPPRESSIONS_TABLE } from "./mail-tables.server";
import { mailRefusal } from "./mail-words";

/** Addresses that unsubscribed: no mailing writes to them again (single messages from a card still go). */
export interface Suppression {
  address: string;
  mailingId: number | null;
  at: string;
}

const normal = (address: string) => address.trim().toLowerCase();

/** Which of `addresses` are suppressed, lower-cased. */
export async function suppressedAmong(db: Knex, addresses: string[]): Promise<Set<string>> {
  const wanted = [...new Set(addresses.map(normal))];
  if (wanted.length === 0) return new Set();
  const rows = (await db(SUPPRESSIONS_TABLE).whereIn("address", wanted).select("address")) as { address: string }[];
  return new Set(rows.map((r) => r.address));
}

/** Adds the address (idempotent: unsubscribing twice is no error). */
export async function suppress(db: Knex, address: string, mailingId: number | null): Promise<void> {
  await db(SUPPRESSIONS_TABLE)
    .insert({ address: normal(address), mailing_id: mailingId, created_at: dbNow() })
    .onConflict("address")
    .ignore();
}

export async function listSuppressions(actor: Actor, db: Knex): Promise<Suppression[]> {
  requireAdmin(actor, "seeUnsubscribedAddresses");
  const rows = (await db(SUPPRESSIONS_TABLE).orderBy([{ column: "created_at", order: "desc" }, { column: "address" }])) as {
    address: string;
    mailing_id: number | null;
    created_at: string;
  }[];
  return rows.map((r) => ({
    address: r.address,
    mailingId: r.mailing_id === null ? null : Number(r.mailing_id),
    at: String(r.created_at),
  }));
}

/** An admin takes an address off the list (it asked to be written to again). */
export async function unsuppress(actor: Actor, db: Knex, address: unknown): Promise<void> {
  requireAdmin(actor, "removeUnsubscribedAddresses");
  const n =
    typeof address === "string"
      ? await db(SUPPRESSIONS_TABLE)
          .where({ address: normal(address) })
          .delete()
      : 0;
  if (n === 0) throw mailRefusal(404, "notUnsubscribed", { address: String(address).slice(0, 80) });
}
