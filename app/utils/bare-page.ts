/** A route page shown without the app shell (a public web form): `handle = BARE_PAGE`. */
export const BARE_PAGE = { barePage: true } as const;

export function isBarePage(handle: unknown): boolean {
  return typeof handle === "object" && handle !== null && (handle as { barePage?: unknown }).barePage === true;
}
