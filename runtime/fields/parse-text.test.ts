import { describe, expect, it } from "vitest";
import type { FieldSchema } from "../schema/types";
import type { ParseResult } from "./types";
import { fieldKinds } from "./registry";

function field(kind: FieldSchema["x-kind"], extra: Partial<FieldSchema> = {}): FieldSchema {
  return { type: fieldKinds[kind].jsonType, "x-id": "f_x", "x-kind": kind, ...extra };
}

function parse(kind: FieldSchema["x-kind"], text: string, extra: Partial<FieldSchema> = {}): ParseResult {
  return fieldKinds[kind].parseText(text, field(kind, extra));
}

function errorOf(result: ParseResult): string {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe("numbers", () => {
  it.each([
    ["1234.5", 1234.5],
    ["-12", -12],
    ["+7", 7],
    [".5", 0.5],
    ["1,234.50", 1234.5],
    ["1 234 567.25", 1234567.25],
    ["1'234'567", 1234567],
    ["1 234", 1234],
    ["1,234,567", 1234567],
    ["1\u00a0234.5", 1234.5],
    ["  42  ", 42],
    ["-0", 0],
  ])("reads %j as %d", (text, value) => {
    expect(parse("decimal", text)).toEqual({ ok: true, value });
  });

  it("reads a blank cell as no value", () => {
    expect(parse("money", "  ")).toEqual({ ok: true, value: null });
  });

  it("explains a comma decimal separator", () => {
    expect(errorOf(parse("decimal", "12,5"))).toBe('"12,5" is not a number: use a dot as the decimal separator, e.g. 12.5');
    expect(errorOf(parse("money", "1.234,56"))).toContain("e.g. 1234.56");
  });

  it("refuses a single comma group as ambiguous", () => {
    expect(errorOf(parse("decimal", "1,234"))).toMatch(/^"1,234" is ambiguous: write 1234 .* or 1\.234/);
  });

  it.each(["1,23.4", "12 34", "1 234,567", "1,234 567", "abc", "1..2", "--1", "1e5", "", "Infinity", "0x10"])("refuses %j", (text) => {
    if (text === "") return expect(parse("decimal", text)).toEqual({ ok: true, value: null });
    expect(errorOf(parse("decimal", text))).toMatch(/is not a number|is ambiguous/);
  });

  it("refuses decimals and unsafe values for whole numbers", () => {
    expect(errorOf(parse("integer", "12.5"))).toBe('"12.5" is not a whole number: remove the decimal places');
    expect(errorOf(parse("integer", "9007199254740993"))).toMatch(/too large/);
    expect(parse("integer", "1,000")).toMatchObject({ ok: false, error: expect.stringMatching(/ambiguous/) });
    expect(parse("integer", "1 000")).toEqual({ ok: true, value: 1000 });
  });

  it("accepts a trailing percent sign on percentages", () => {
    expect(parse("percent", "20 %")).toEqual({ ok: true, value: 20 });
    expect(parse("percent", "7.5%")).toEqual({ ok: true, value: 7.5 });
  });

  it("rejects a number too large to represent", () => {
    expect(errorOf(parse("decimal", "9".repeat(400)))).toMatch(/too large/);
  });
});

describe("booleans", () => {
  it.each(["true", "TRUE", "yes", "Y", "1", " y "])("reads %j as true", (text) => {
    expect(parse("boolean", text)).toEqual({ ok: true, value: true });
  });
  it.each(["false", "No", "n", "0"])("reads %j as false", (text) => {
    expect(parse("boolean", text)).toEqual({ ok: true, value: false });
  });
  it("explains what it accepts", () => {
    expect(errorOf(parse("boolean", "maybe"))).toBe('"maybe" is not yes or no: use true/false, yes/no, y/n or 1/0');
  });
});

describe("dates", () => {
  it("reads ISO and DD.MM.YYYY", () => {
    expect(parse("date", "2026-11-24")).toEqual({ ok: true, value: "2026-11-24" });
    expect(parse("date", "24.11.2026")).toEqual({ ok: true, value: "2026-11-24" });
    expect(parse("date", "1.2.2024")).toEqual({ ok: true, value: "2024-02-01" });
    expect(parse("date", "29.02.2024")).toEqual({ ok: true, value: "2024-02-29" });
  });

  it("refuses impossible dates naming the value", () => {
    expect(errorOf(parse("date", "2026-02-30"))).toBe('"2026-02-30" is not a valid date: February 2026 has 28 days');
    expect(errorOf(parse("date", "29.02.2023"))).toBe('"29.02.2023" is not a valid date: February 2023 has 28 days');
    expect(errorOf(parse("date", "2026-13-01"))).toBe('"2026-13-01" is not a valid date: there is no month 13');
    expect(errorOf(parse("date", "31.04.2026"))).toContain("April 2026 has 30 days");
  });

  it("refuses ambiguous orders", () => {
    expect(errorOf(parse("date", "11/24/2026"))).toBe(
      '"11/24/2026" is not a date: write it as YYYY-MM-DD (2026-11-24) or DD.MM.YYYY (24.11.2026)',
    );
  });
});

describe("date-times", () => {
  it("normalizes any offset to UTC", () => {
    expect(parse("datetime", "2026-11-24T12:15:00+02:00")).toEqual({ ok: true, value: "2026-11-24T10:15:00.000Z" });
    expect(parse("datetime", "2026-11-24 05:15-0500")).toEqual({ ok: true, value: "2026-11-24T10:15:00.000Z" });
    expect(parse("datetime", "2026-11-24T10:15:00.123456Z")).toEqual({ ok: true, value: "2026-11-24T10:15:00.123Z" });
    expect(parse("datetime", "2026-01-01T00:30:00+01:00")).toEqual({ ok: true, value: "2025-12-31T23:30:00.000Z" });
  });

  it("refuses a time without a zone", () => {
    expect(errorOf(parse("datetime", "2026-11-24 10:15"))).toMatch(/^"2026-11-24 10:15" has no time zone: add Z/);
  });

  it("refuses impossible dates and times", () => {
    expect(errorOf(parse("datetime", "2026-02-29T10:00:00Z"))).toContain("February 2026 has 28 days");
    expect(errorOf(parse("datetime", "2026-02-01T24:00:00Z"))).toContain("not a valid time");
    expect(errorOf(parse("datetime", "tomorrow"))).toContain("ISO 8601");
  });
});

describe("choices", () => {
  const options = { enum: ["new", "won", "lost", "Won"], "x-labels": { new: "Fresh lead", lost: "Lost deal" } };

  it("matches values exactly, then ignoring case, then labels", () => {
    expect(parse("select", "won", options)).toEqual({ ok: true, value: "won" });
    expect(parse("select", "Won", options)).toEqual({ ok: true, value: "Won" });
    expect(parse("select", "NEW", options)).toEqual({ ok: true, value: "new" });
    expect(parse("select", " fresh LEAD ", options)).toEqual({ ok: true, value: "new" });
  });

  it("lists the valid options when nothing matches", () => {
    expect(errorOf(parse("select", "maybe", options))).toBe(
      '"maybe" is not one of the options: use one of new (Fresh lead), won, lost (Lost deal), Won',
    );
  });

  it("reads multiple choices separated by semicolons", () => {
    const multi = { items: { type: "string" as const, enum: ["vip", "partner"] }, "x-labels": { vip: "VIP customer" } };
    expect(parse("multiselect", "vip; Partner", multi)).toEqual({ ok: true, value: ["vip", "partner"] });
    expect(parse("multiselect", "VIP customer;vip;;", multi)).toEqual({ ok: true, value: ["vip"] });
    expect(parse("multiselect", "", multi)).toEqual({ ok: true, value: [] });
    expect(errorOf(parse("multiselect", "vip; gold", multi))).toBe(
      '"gold" is not one of the options: use one of vip (VIP customer), partner',
    );
  });
});

describe("relations and files", () => {
  it("reads a positive record id", () => {
    expect(parse("relation", " 42 ")).toEqual({ ok: true, value: 42 });
    for (const text of ["0", "-1", "1.5", "abc", "1e3", "99999999999999999999"]) {
      expect(errorOf(parse("relation", text))).toContain("is not a record id");
    }
  });

  it("refuses to import files from text", () => {
    expect(errorOf(parse("file", "report.pdf"))).toBe(
      "File values cannot be imported from text: upload the file on the record's card instead",
    );
    expect(errorOf(parse("image", "logo.png"))).toMatch(/^Image values cannot be imported/);
  });

  it("keeps free text exactly and trims addresses", () => {
    expect(parse("text", "  O'Reilly  ")).toEqual({ ok: true, value: "  O'Reilly  " });
    expect(parse("email", "  a@b.co ")).toEqual({ ok: true, value: "a@b.co" });
    expect(parse("url", "")).toEqual({ ok: true, value: null });
  });

  it("follows a formula's result kind", () => {
    expect(parse("formula", "1,234.5", { "x-result": "money" })).toEqual({ ok: true, value: 1234.5 });
    expect(parse("formula", "yes", { "x-result": "boolean" })).toEqual({ ok: true, value: true });
  });
});
