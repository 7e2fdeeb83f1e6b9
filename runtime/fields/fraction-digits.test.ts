import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { fractionDigits } from "./numbers";

describe("fractionDigits", () => {
  it("counts the digits after the point as decimal.js does, for the shortest spelling of any double", () => {
    const samples = [0, -0, 7, 0.1, 0.25, 1.5, 123.456, -0.001, 1e-7, 1.5e-7, 1e21, 123456789.123456, 0.30000000000000004, 5e-324, 1 / 3];
    // A fixed sequence (a linear congruential generator) over 30 orders of magnitude: the same every run.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) samples.push((next() - 0.5) * 10 ** Math.floor(next() * 30 - 15));
    for (const v of samples) expect(fractionDigits(v), String(v)).toBe(new Decimal(v).decimalPlaces());
    expect(fractionDigits(Number.NaN)).toBe(0);
  });
});
