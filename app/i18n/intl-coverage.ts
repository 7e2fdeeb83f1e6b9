/**
 * Whether this JavaScript engine formats `locale` itself. Browsers ship trimmed ICU data (Debian's
 * Chromium has none for Armenian), and a missing locale does not fail: it falls back to en-US, so
 * a page rendered in Armenian on the server would switch its dates and money to English on
 * hydration.
 */
export function intlCovers(locale: string, intl: typeof Intl = Intl): boolean {
  const formats: { supportedLocalesOf(locales: string[]): string[] }[] = [
    intl.NumberFormat,
    intl.DateTimeFormat,
    intl.RelativeTimeFormat,
    intl.ListFormat,
  ];
  return formats.every((format) => format.supportedLocalesOf([locale]).length > 0);
}
