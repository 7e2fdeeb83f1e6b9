/** The demo firm's sales pipeline: a few deals in every stage, so the board has something to show. */
import type { DealInput } from "../generated/workspace-types";
import { recordRef, type SeedRecord, type SeedValues } from "../seed-record";
import type { DemoCampaignRef } from "./campaigns";
import type { DemoUserRef } from "./users";

type Plan = Omit<DealInput, "owner" | "client" | "contact" | "source_lead" | "campaign"> & {
  campaign?: DemoCampaignRef;
  ref: string;
  owner: DemoUserRef;
  client?: string;
  contact?: string;
  lead?: string;
};

const DEALS: Plan[] = [
  {
    ref: "acme-fleet",
    title: "Fleet tracking rollout",
    client: "acme",
    contact: "acme-1",
    amount: 48000,
    currency: "EUR",
    stage: "negotiation",
    expected_close: "2026-12-15",
    owner: "anna",
    campaign: "trade-fair",
  },
  {
    ref: "acme-support",
    title: "Support renewal 2027",
    client: "acme",
    amount: 12000,
    currency: "EUR",
    stage: "proposal",
    expected_close: "2026-12-31",
    owner: "ben",
  },
  {
    ref: "liffey-pos",
    title: "Point-of-sale upgrade",
    client: "liffey-coffee",
    contact: "liffey-coffee-1",
    amount: 6500,
    currency: "EUR",
    stage: "qualification",
    expected_close: "2027-01-20",
    owner: "ben",
  },
  {
    ref: "sligo-foods",
    title: "Production planning",
    lead: "sligo-foods",
    amount: 22000,
    currency: "EUR",
    stage: "prospecting",
    expected_close: "2027-02-28",
    owner: "ben",
  },
  {
    ref: "nordlicht-web",
    title: "Web shop integration",
    client: "nordlicht",
    amount: 18500,
    currency: "EUR",
    stage: "won",
    expected_close: "2026-10-30",
    owner: "anna",
    campaign: "trade-fair",
  },
  {
    ref: "marais-audit",
    title: "Process audit",
    client: "marais",
    amount: 9000,
    currency: "EUR",
    stage: "lost",
    expected_close: "2026-09-30",
    owner: "anna",
    lost_reason: "Budget moved to next year.",
  },
  {
    ref: "munich-robotics",
    title: "On-site support",
    lead: "munich-robotics",
    amount: 30000,
    currency: "EUR",
    stage: "lost",
    expected_close: "2026-08-31",
    owner: "ben",
    campaign: "partner-referrals",
    lost_reason: "Chose a German provider.",
  },
];

export function demoDeals(): SeedRecord[] {
  return DEALS.map(({ ref, owner, client, contact, lead, campaign, ...rest }) => {
    const values: SeedValues<DealInput> = {
      ...rest,
      owner: recordRef("crm_users", owner),
      ...(client ? { client: recordRef("clients", client) } : {}),
      ...(contact ? { contact: recordRef("contacts", contact) } : {}),
      ...(lead ? { source_lead: recordRef("leads", lead) } : {}),
      ...(campaign ? { campaign: recordRef("campaigns", campaign) } : {}),
    };
    return { table: "deals", ref, values };
  });
}
