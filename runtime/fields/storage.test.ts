import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldSchema } from "../schema/types";
import { decimalToDb, formatNumberText, fractionDigits } from "./numbers";
import { fieldKinds } from "./registry";

function field(kind: FieldSchema["x-kind"], extra: Partial<FieldSchema> = {}): FieldSchema {
  return { type: fieldKinds[kind].jsonType, "x-id": "f_x", "x-kind": kind, ...extra };
}

describe("decimal storage", () => {
  const money = field("money");

  it("rounds half up exactly, without binary artefacts", () => {
    expect(fieldKinds.money.toDb(1.005, money)).toBe("1.01");
    expect(fieldKinds.money.toDb(0.1 + 0.2, money)).toBe("0.30");
    expect(fieldKinds.money.toDb(2.675, money)).toBe("2.68");
    expect(fieldKinds.money.toDb(-1.005, money)).toBe("-1.01");
    expect(fieldKinds.money.toDb(12, money)).toBe("12.00");
  });

  it("never stores a negative zero", () => {
    expect(fieldKinds.money.toDb(-0.001, money)).toBe("0.00");
    expect(fieldKinds.money.toDb(-0, money)).toBe("0.00");
    expect(fieldKinds.decimal.toDb(-0.4, field("decimal", { "x-scale": 0 }))).toBe("0");
  });

  it("stores any number as decimal.js rounds it, and counts and writes its decimals as decimal.js does", () => {
    // decimalToDb, fractionDigits and formatNumberText skip decimal.js for a number that needs no rounding.
    const exact = Decimal.clone({ precision: 80 });
    const reference = (v: number, scale: number) => {
      const fixed = new Decimal(v).toFixed(scale, Decimal.ROUND_HALF_UP);
      return /^-0(?:\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed;
    };
    const numbers = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer().map((n) => n / 100),
      fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1000 + 0.5),
      fc.constantFrom(0, -0, 1e21, -1e21, 1e-7, 123456789.125, 0.1 + 0.2, 2 ** 53 + 2),
    );
    fc.assert(
      fc.property(numbers, fc.integer({ min: 0, max: 10 }), (v, scale) => {
        expect(decimalToDb(v, scale)).toBe(reference(v, scale));
        expect(fractionDigits(v)).toBe(new exact(v).decimalPlaces());
        expect(formatNumberText(v)).toBe(new Decimal(v).toFixed());
      }),
      { numRuns: 5000 },
    );
  });

  it("uses the field's scale", () => {
    expect(fieldKinds.percent.toDb(20, field("percent"))).toBe("20.0000");
    expect(fieldKinds.decimal.toDb(3.14159, field("decimal", { "x-scale": 3 }))).toBe("3.142");
  });

  it("reads both drivers' shapes as numbers", () => {
    expect(fieldKinds.money.fromDb("12.50", money)).toBe(12.5);
    expect(fieldKinds.money.fromDb(12.5, money)).toBe(12.5);
    expect(Object.is(fieldKinds.money.fromDb("-0.00", money), 0)).toBe(true);
  });
});

describe("date-time storage", () => {
  const at = field("datetime");

  it("stores UTC text from any offset", () => {
    expect(fieldKinds.datetime.toDb("2026-11-24T12:15:00+02:00", at)).toBe("2026-11-24 10:15:00.000");
    expect(fieldKinds.datetime.toDb("2026-11-24T10:15:00.5-01:30", at)).toBe("2026-11-24 11:45:00.500");
    expect(fieldKinds.datetime.toDb("2026-11-24 10:15:00Z", at)).toBe("2026-11-24 10:15:00.000");
  });

  it("reads stored text, MySQL text without milliseconds, Dates and epoch numbers", () => {
    expect(fieldKinds.datetime.fromDb("2026-11-24 10:15:00.000", at)).toBe("2026-11-24T10:15:00.000Z");
    expect(fieldKinds.datetime.fromDb("2026-11-24 10:15:00", at)).toBe("2026-11-24T10:15:00.000Z");
    expect(fieldKinds.datetime.fromDb(new Date("2026-11-24T10:15:00Z"), at)).toBe("2026-11-24T10:15:00.000Z");
    expect(fieldKinds.datetime.fromDb(Date.UTC(2026, 10, 24, 10, 15), at)).toBe("2026-11-24T10:15:00.000Z");
  });

  it("keeps stored text sorting in time order", () => {
    const stored = ["2026-11-24T10:15:00+02:00", "2026-11-24T09:00:00Z", "2026-11-23T23:00:00-05:00"].map((v) =>
      String(fieldKinds.datetime.toDb(v, at)),
    );
    expect([...stored].sort()).toEqual(["2026-11-24 04:00:00.000", "2026-11-24 08:15:00.000", "2026-11-24 09:00:00.000"]);
  });
});

describe("other conversions", () => {
  it("reads dates from text with a time part and from local-midnight Dates", () => {
    expect(fieldKinds.date.fromDb("2024-02-29 00:00:00", field("date"))).toBe("2024-02-29");
    expect(fieldKinds.date.fromDb(new Date(2024, 1, 29), field("date"))).toBe("2024-02-29");
  });

  it("stores booleans as 1/0 and reads any driver shape", () => {
    expect(fieldKinds.boolean.toDb(true, field("boolean"))).toBe(1);
    expect(fieldKinds.boolean.toDb(false, field("boolean"))).toBe(0);
    for (const raw of [1, "1", true, 1n, Buffer.from([1])]) expect(fieldKinds.boolean.fromDb(raw, field("boolean"))).toBe(true);
    for (const raw of [0, "0", false, 0n, Buffer.from([0])]) expect(fieldKinds.boolean.fromDb(raw, field("boolean"))).toBe(false);
  });

  it("stores multiple choices and files as JSON text", () => {
    const tags = field("multiselect", { items: { type: "string", enum: ["a", "b"] } });
    expect(fieldKinds.multiselect.toDb(["b", "a"], tags)).toBe('["b","a"]');
    expect(fieldKinds.multiselect.fromDb(Buffer.from('["a"]'), tags)).toEqual(["a"]);
  });

  it("stores a formula like its result kind", () => {
    const total = field("formula", { "x-result": "money", "x-scale": 3 });
    expect(fieldKinds.formula.toDb(1.0005, total)).toBe("1.001");
    expect(fieldKinds.formula.column(total)).toEqual({ type: "decimal", precision: 18, scale: 3 });
    expect(fieldKinds.formula.fromDb(1, field("formula", { "x-result": "boolean" }))).toBe(true);
  });
});

describe("columns", () => {
  it.each<[FieldSchema["x-kind"], Partial<FieldSchema>, unknown]>([
    ["text", {}, { type: "string", length: 255 }],
    ["text", { maxLength: 4000 }, { type: "string", length: 4000 }],
    ["text", { maxLength: 4001 }, { type: "text", size: "normal" }],
    ["longtext", {}, { type: "text", size: "long" }],
    ["integer", {}, { type: "bigint" }],
    ["decimal", {}, { type: "decimal", precision: 18, scale: 2 }],
    ["decimal", { "x-precision": 10, "x-scale": 4 }, { type: "decimal", precision: 10, scale: 4 }],
    ["money", { "x-scale": 0 }, { type: "decimal", precision: 18, scale: 0 }],
    ["percent", {}, { type: "decimal", precision: 9, scale: 4 }],
    ["boolean", {}, { type: "boolean" }],
    ["date", {}, { type: "date" }],
    ["datetime", {}, { type: "datetime" }],
    ["email", {}, { type: "string", length: 254 }],
    ["phone", {}, { type: "string", length: 40 }],
    ["url", {}, { type: "string", length: 2000 }],
    ["select", {}, { type: "string", length: 100 }],
    ["multiselect", {}, { type: "json" }],
    ["relation", {}, { type: "integer" }],
    ["autonumber", {}, { type: "string", length: 64 }],
    ["file", {}, { type: "json" }],
    ["image", {}, { type: "json" }],
    ["formula", { "x-result": "date" }, { type: "date" }],
  ])("%s %j → %j", (kind, extra, column) => {
    expect(fieldKinds[kind].column(field(kind, extra))).toEqual(column);
  });
});
