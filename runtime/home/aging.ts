import { shiftDate } from "./tokens";

/**
 * Aging buckets, as accountants read a receivables report: what is not yet due, then how many
 * days past its date each amount is. Bounds are local dates, inclusive, so each bucket is one
 * date condition the records service runs in SQL.
 */
export const AGING_BUCKETS = [
  { key: "current", label: "Current" },
  { key: "1-30", label: "1–30 days" },
  { key: "31-60", label: "31–60 days" },
  { key: "61-90", label: "61–90 days" },
  { key: "90+", label: "90+ days" },
] as const;

export type AgingBucketKey = (typeof AGING_BUCKETS)[number]["key"];

/** The date condition of each bucket for a date field on `today` (`YYYY-MM-DD`). */
export function agingConditions(field: string, today: string): { key: AgingBucketKey; label: string; filter: unknown }[] {
  const day = (n: number) => shiftDate(today, -n);
  const between = (from: number, to: number) => ({ field, op: "between", value: [day(to), day(from)] });
  const filters: Record<AgingBucketKey, unknown> = {
    current: { field, op: "gte", value: today },
    "1-30": between(1, 30),
    "31-60": between(31, 60),
    "61-90": between(61, 90),
    "90+": { field, op: "lt", value: day(90) },
  };
  return AGING_BUCKETS.map((b) => ({ ...b, filter: filters[b.key] }));
}
