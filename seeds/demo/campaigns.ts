/** The demo firm's marketing: one campaign per channel it tried this autumn, so the per-campaign reports show something. */
import type { CampaignInput } from "../generated/workspace-types";
import type { SeedRecord } from "../seed-record";

export type DemoCampaignRef = "autumn-webinar" | "trade-fair" | "partner-referrals";

const CAMPAIGNS: (CampaignInput & { ref: DemoCampaignRef })[] = [
  {
    ref: "autumn-webinar",
    name: "Autumn webinar series",
    code: "autumn-webinar",
    channel: "email",
    starts_on: "2026-09-01",
    ends_on: "2026-11-30",
    cost: 1800,
  },
  {
    ref: "trade-fair",
    name: "Dublin trade fair",
    code: "trade-fair-2026",
    channel: "event",
    starts_on: "2026-10-12",
    ends_on: "2026-10-14",
    cost: 6500,
  },
  {
    ref: "partner-referrals",
    name: "Partner referrals",
    code: "partners",
    channel: "partner",
    starts_on: "2026-07-01",
    cost: 0,
  },
];

export function demoCampaigns(): SeedRecord[] {
  return CAMPAIGNS.map(({ ref, ...values }) => ({ table: "campaigns", ref, values }));
}
