/**
 * Which language a person reads: their profile's choice when it is one we have, else the first
 * of the browser's `Accept-Language` we have (by quality, then order; `sv-SE` is served by `sv`,
 * `zh-Hans-CN` by `zh`), else English. Pure, so the server and the tests agree.
 */

export const FALLBACK_LANGUAGE = "en";

interface Range {
  tag: string;
  q: number;
  order: number;
}

/** `Accept-Language: sv-SE,sv;q=0.9,en;q=0.5` → its ranges, best first; `*` and q=0 are dropped. */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  const ranges: Range[] = [];
  header.split(",").forEach((part, order) => {
    const [rawTag, ...params] = part.trim().split(";");
    const tag = rawTag.trim().toLowerCase();
    if (!tag || tag === "*" || !/^[a-z]{1,8}(-[a-z0-9]{1,8})*$/.test(tag)) return;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.trim().split("=");
      if (k === "q") q = Number(v);
    }
    if (!(q > 0 && q <= 1)) return;
    ranges.push({ tag, q, order });
  });
  return ranges.sort((a, b) => b.q - a.q || a.order - b.order).map((r) => r.tag);
}

/** The available language serving a tag: itself, else its primary subtag (`zh-hans-cn` → `zh`). */
export function matchLanguage(tag: string | null | undefined, available: readonly string[]): string | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  const exact = available.find((a) => a.toLowerCase() === lower);
  if (exact) return exact;
  const primary = lower.split("-")[0];
  return available.find((a) => a.toLowerCase() === primary) ?? null;
}

export function pickLanguage(
  profile: string | null | undefined,
  acceptLanguage: string | null | undefined,
  available: readonly string[],
): string {
  const chosen = matchLanguage(profile, available);
  if (chosen) return chosen;
  for (const tag of parseAcceptLanguage(acceptLanguage)) {
    const match = matchLanguage(tag, available);
    if (match) return match;
  }
  return available.includes(FALLBACK_LANGUAGE) ? FALLBACK_LANGUAGE : (available[0] ?? FALLBACK_LANGUAGE);
}

/**
 * The language of a command line: the POSIX locale (`LC_ALL`, else `LC_MESSAGES`, else `LANG`),
 * `sv_SE.UTF-8` read as `sv-SE`; `C` and `POSIX` mean no preference. English when none matches.
 */
export function languageOfEnvironment(env: Record<string, string | undefined>, available: readonly string[]): string {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  const tag = locale.split(/[.@]/)[0].replace(/_/g, "-");
  if (!tag || tag === "C" || tag === "POSIX") return FALLBACK_LANGUAGE;
  return matchLanguage(tag, available) ?? FALLBACK_LANGUAGE;
}
