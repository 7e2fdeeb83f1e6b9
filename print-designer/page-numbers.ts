export const PAGE_NUMBERS = "Page {{ pageNumber }} of {{ totalPages }}";

/** Adds page numbers to a header or footer that lacks them, keeping what the admin wrote. */
export function withPageNumbers(text: string | undefined): string {
  if (text && /\{\{-?\s*pageNumber\b/.test(text)) return text;
  const line = `<div style="text-align:right">${PAGE_NUMBERS}</div>`;
  return text?.trim() ? `${text.trim()}\n${line}` : line;
}

/** Whether a header or footer already mentions the page number (the "Add page numbers" button is then off). */
export function hasPageNumbers(text: string | undefined): boolean {
  return !!text && /pageNumber/.test(text);
}
