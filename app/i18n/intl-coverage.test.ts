import { describe, expect, it } from "vitest";
import { intlCovers } from "./intl-coverage";

const format = (locales: string[]) => ({ supportedLocalesOf: (asked: string[]) => asked.filter((l) => locales.includes(l)) });

describe("intlCovers", () => {
  it("needs every format the screens use to know the locale", () => {
    const browser = (dates: string[]) =>
      ({
        NumberFormat: format(["hy-AM", "sv-SE"]),
        DateTimeFormat: format(dates),
        RelativeTimeFormat: format(["hy-AM", "sv-SE"]),
        ListFormat: format(["hy-AM", "sv-SE"]),
      }) as unknown as typeof Intl;
    expect(intlCovers("sv-SE", browser(["sv-SE"]))).toBe(true);
    expect(intlCovers("hy-AM", browser(["sv-SE"]))).toBe(false);
    expect(intlCovers("hy-AM", browser(["sv-SE", "hy-AM"]))).toBe(true);
  });

  it("reads this engine's Intl by default, which knows English", () => {
    expect(intlCovers("en-US")).toBe(true);
  });
});
