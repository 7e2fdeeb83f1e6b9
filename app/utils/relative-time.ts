/** "3 minutes ago", "yesterday", "in 2 hours": how long ago (or until) `at` was, from `now`. */
const STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.35],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function relativeTime(at: string | Date, now: Date = new Date()): string {
  const then = typeof at === "string" ? new Date(at) : at;
  let amount = (then.getTime() - now.getTime()) / 1000;
  if (Number.isNaN(amount)) return "";
  if (Math.abs(amount) < 45) return "just now";
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return format.format(Math.round(amount), unit);
    amount /= size;
  }
  return "";
}
