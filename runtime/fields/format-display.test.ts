import { describe, expect, it } from "vitest";
import type { FieldSchema } from "../schema/types";
import type { FormatOptions } from "./types";
import { fieldKinds } from "./registry";

function display(
  kind: FieldSchema["x-kind"],
  value: unknown,
  extra: Partial<FieldSchema>,
  options: FormatOptions,
  record?: Record<string, unknown>,
): string {
  const field: FieldSchema = { type: fieldKinds[kind].jsonType, "x-id": "f_x", "x-kind": kind, ...extra };
  // Intl separates with narrow or no-break spaces depending on the ICU version.
  return fieldKinds[kind].formatDisplay(value, field, options, record).replace(/\s/g, " ");
}

describe("money", () => {
  it("uses the field's fixed currency", () => {
    expect(display("money", 1234.5, { "x-currency": "EUR" }, { locale: "en-US" })).toBe("€1,234.50");
    expect(display("money", 1234.5, { "x-currency": "EUR" }, { locale: "de-DE" })).toBe("1.234,50 €");
    expect(display("money", -0.5, { "x-currency": "USD" }, { locale: "en-US" })).toBe("-$0.50");
  });

  it("prefers the record's currency field, then the field's, then the options'", () => {
    const field = { "x-currency": "EUR", "x-currency-field": "currency" };
    expect(display("money", 10, field, { locale: "en-US", currency: "GBP" }, { currency: "USD" })).toBe("$10.00");
    expect(display("money", 10, field, { locale: "en-US", currency: "GBP" }, { currency: null })).toBe("€10.00");
    expect(display("money", 10, {}, { locale: "en-US", currency: "GBP" })).toBe("£10.00");
    expect(display("money", 10, { "x-currency-field": "currency" }, { locale: "en-US" }, { currency: "nonsense" })).toBe("10.00");
  });

  it("follows the currency's minor unit unless the field fixes a scale", () => {
    expect(display("money", 1500, { "x-currency": "JPY" }, { locale: "en-US" })).toBe("¥1,500");
    expect(display("money", 1.5, { "x-currency": "EUR", "x-scale": 4 }, { locale: "en-US" })).toBe("€1.5000");
  });
});

describe("percent and numbers", () => {
  it("shows percentage points as a percentage", () => {
    expect(display("percent", 20, {}, { locale: "en-US" })).toBe("20%");
    expect(display("percent", 20, {}, { locale: "de-DE" })).toBe("20 %");
    expect(display("percent", 7.5, {}, { locale: "en-US" })).toBe("7.5%");
    expect(display("percent", 0.07, {}, { locale: "en-US" })).toBe("0.07%");
    expect(display("percent", 12.3456, { "x-scale": 2 }, { locale: "en-US" })).toBe("12.35%");
  });

  it("shows decimals with the field's scale and integers grouped", () => {
    expect(display("decimal", 1234.5, {}, { locale: "en-US" })).toBe("1,234.50");
    expect(display("decimal", 1234.5, { "x-scale": 3 }, { locale: "de-DE" })).toBe("1.234,500");
    expect(display("integer", 1234567, {}, { locale: "en-US" })).toBe("1,234,567");
  });
});

describe("dates", () => {
  it("shows dates in the locale's medium style without shifting the day", () => {
    expect(display("date", "2026-11-24", {}, { locale: "en-US", timeZone: "Pacific/Honolulu" })).toBe("Nov 24, 2026");
    expect(display("date", "2024-02-29", {}, { locale: "de-DE" })).toBe("29.02.2024");
  });

  it("shows date-times in the requested time zone", () => {
    expect(display("datetime", "2026-11-24T10:15:00.000Z", {}, { locale: "en-GB", timeZone: "Europe/Berlin" })).toBe("24 Nov 2026, 11:15");
    expect(display("datetime", "2026-11-24T23:30:00.000Z", {}, { locale: "en-US", timeZone: "Asia/Tokyo" })).toBe("Nov 25, 2026, 8:30 AM");
    expect(display("datetime", "2026-11-24T10:15:00.000Z", {}, { locale: "en-GB" })).toBe("24 Nov 2026, 10:15");
  });
});

describe("choices, booleans, files, empties", () => {
  it("shows option labels", () => {
    const labels = { "x-labels": { paid: "Paid in full", vip: "VIP" } };
    expect(display("select", "paid", { enum: ["paid", "draft"], ...labels }, { locale: "en-US" })).toBe("Paid in full");
    expect(display("select", "draft", { enum: ["paid", "draft"], ...labels }, { locale: "en-US" })).toBe("draft");
    expect(
      display("multiselect", ["vip", "partner"], { items: { type: "string", enum: ["vip", "partner"] }, ...labels }, { locale: "en-US" }),
    ).toBe("VIP, partner");
  });

  it("shows booleans, file names and formulas", () => {
    expect(display("boolean", true, {}, { locale: "de-DE" })).toBe("Yes");
    expect(display("boolean", false, {}, { locale: "en-US" })).toBe("No");
    expect(display("image", { id: "1", name: "logo.png", size: 1, type: "image/png" }, {}, { locale: "en-US" })).toBe("logo.png");
    expect(display("formula", 99.5, { "x-result": "money", "x-currency": "EUR" }, { locale: "en-US" })).toBe("€99.50");
  });

  it("shows nothing for no value", () => {
    for (const kind of Object.keys(fieldKinds) as FieldSchema["x-kind"][]) {
      expect(display(kind, null, { "x-result": "money" }, { locale: "en-US" })).toBe("");
      expect(display(kind, undefined, { "x-result": "money" }, { locale: "en-US" })).toBe("");
    }
  });
});
