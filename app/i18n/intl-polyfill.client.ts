/**
 * FormatJS's implementation of the Intl formats in place of the browser's, with the data of the
 * languages we ship that browsers may lack, loaded only for a reader whose browser lacks theirs
 * (see intl-coverage.ts). The polyfills replace the whole constructor, so English is loaded too:
 * code that formats in a fixed `en-US` (page numbers, the list's defaults) keeps working.
 */
type Load = () => Promise<unknown>;

const NUMBERS: Record<string, Load> = {
  en: () => import("@formatjs/intl-numberformat/locale-data/en.js"),
  hy: () => import("@formatjs/intl-numberformat/locale-data/hy.js"),
};
const DATES: Record<string, Load> = {
  en: () => import("@formatjs/intl-datetimeformat/locale-data/en.js"),
  hy: () => import("@formatjs/intl-datetimeformat/locale-data/hy.js"),
};
const RELATIVE: Record<string, Load> = {
  en: () => import("@formatjs/intl-relativetimeformat/locale-data/en.js"),
  hy: () => import("@formatjs/intl-relativetimeformat/locale-data/hy.js"),
};
const LISTS: Record<string, Load> = {
  en: () => import("@formatjs/intl-listformat/locale-data/en.js"),
  hy: () => import("@formatjs/intl-listformat/locale-data/hy.js"),
};

/** The languages whose formats this module can supply. */
export const POLYFILLED_LANGUAGES = Object.keys(NUMBERS).filter((l) => l !== "en");

const loadAll = (table: Record<string, Load>, language: string) =>
  Promise.all(Object.entries(table).flatMap(([locale, load]) => (locale === "en" || locale === language ? [load()] : [])));

export async function polyfillIntl(language: string): Promise<void> {
  // Each polyfill reads the ones before it: relative times and dates format their numbers.
  await import("@formatjs/intl-numberformat/polyfill-force.js");
  await loadAll(NUMBERS, language);
  await Promise.all([
    import("@formatjs/intl-relativetimeformat/polyfill-force.js").then(() => loadAll(RELATIVE, language)),
    import("@formatjs/intl-listformat/polyfill-force.js").then(() => loadAll(LISTS, language)),
    import("@formatjs/intl-datetimeformat/polyfill-force.js")
      .then(() => import("@formatjs/intl-datetimeformat/add-all-tz.js"))
      .then(() => loadAll(DATES, language)),
  ]);
}
