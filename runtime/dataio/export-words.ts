/**
 * The printable list's own words in English, for code that has no translator (the page speaks its
 * reader's language through the same keys in `locales/*.json`).
 */
export const EXPORT_PAGE_ENGLISH: Readonly<Record<string, string>> = {
  "exportPage.filtered": "filtered",
  "exportPage.matching": "matching “{{text}}”",
  "exportPage.exported": "exported {{when}} UTC",
  "exportPage.narrowedExported": "{{narrowed}}; exported {{when}} UTC",
  "exportPage.printHint": "Print this page from the browser (Ctrl+P or ⌘P).",
  "exportPage.records_one": "{{number}} record",
  "exportPage.records_other": "{{number}} records",
};
