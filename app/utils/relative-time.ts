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

const formats = new Map<string, Intl.RelativeTimeFormat>();

/** In `locale`'s words, through Intl: "3 minutes ago", "för 3 minuter sedan", "3分钟前"; "now" under 45 seconds. */
export function relativeTime(at: string | Date, now: Date = new Date(), locale = "en"): string {
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" })));
  const then = typeof at === "string" ? new Date(at) : at;
  let amount = (then.getTime() - now.getTime()) / 1000;
  if (Number.isNaN(amount)) return "";
  if (Math.abs(amount) < 45) return format.format(0, "second");
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return format.format(Math.round(amount), unit);
    amount /= size;
  }
  return "";
}
