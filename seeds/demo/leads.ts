/**
 * Prospects of the demo firm in every state, with owners as the lead routing rule would have
 * chosen them (the demo's own writes trigger no rules). Scores are computed by the server.
 */
import type { LeadInput } from "../generated/workspace-types";
import { recordRef, type SeedRecord, type SeedValues } from "../seed-record";
import type { DemoCampaignRef } from "./campaigns";
import type { DemoUserRef } from "./users";

type Plan = Omit<LeadInput, "owner" | "campaign"> & { ref: string; owner: DemoUserRef; campaign?: DemoCampaignRef };

const LEADS: Plan[] = [
  {
    ref: "kerry-council",
    name: "Siobhán Ryan",
    company: "Kerry County Council",
    email: "s.ryan@kerrycoco.example",
    region: "south",
    company_size: "large",
    industry: "public",
    source: "event",
    activity: 3,
    status: "contacted",
    owner: "anna",
    campaign: "trade-fair",
  },
  {
    ref: "sligo-foods",
    name: "Pádraig Gallagher",
    company: "Sligo Fine Foods",
    email: "padraig@sligofinefoods.example",
    phone: "+353 71 555 0123",
    region: "north",
    company_size: "medium",
    industry: "manufacturing",
    source: "referral",
    activity: 5,
    status: "qualified",
    owner: "ben",
  },
  {
    ref: "cork-studio",
    name: "Laura Byrne",
    company: "Byrne Design Studio",
    email: "laura@byrnedesign.example",
    region: "south",
    company_size: "micro",
    industry: "services",
    source: "website",
    activity: 1,
    status: "new",
    owner: "ben",
    campaign: "autumn-webinar",
    utm_source: "newsletter",
    utm_campaign: "autumn-webinar",
  },
  {
    ref: "galway-hotel",
    name: "Eoin Walsh",
    company: "Corrib Bay Hotel",
    phone: "+353 91 555 0148",
    region: "west",
    company_size: "small",
    industry: "hospitality",
    source: "cold_call",
    activity: 0,
    status: "new",
    owner: "ben",
  },
  {
    ref: "munich-robotics",
    name: "Katrin Hofmann",
    company: "Isar Robotics GmbH",
    email: "k.hofmann@isar-robotics.example",
    region: "abroad",
    company_size: "medium",
    industry: "technology",
    source: "partner",
    activity: 2,
    status: "lost",
    owner: "ben",
    campaign: "partner-referrals",
    notes: "Chose a German provider for on-site support.",
  },
];

export function demoLeads(): SeedRecord[] {
  return LEADS.map(({ ref, owner, campaign, ...rest }) => {
    const values: SeedValues<LeadInput> = {
      ...rest,
      owner: recordRef("crm_users", owner),
      ...(campaign ? { campaign: recordRef("campaigns", campaign) } : {}),
    };
    return { table: "leads", ref, values };
  });
}
