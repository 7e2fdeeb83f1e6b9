import { describe, expect, it } from "vitest";
import { addressDelayMs, FIRST_ADDRESS_DELAY_MS, FREE_PER_ADDRESS, MAX_ADDRESS_DELAY_MS } from "./rate-limit.server";

describe("addressDelayMs", () => {
  it("waits nothing for the first failures, then doubles up to a bound", () => {
    expect(addressDelayMs(0)).toBe(0);
    expect(addressDelayMs(FREE_PER_ADDRESS - 1)).toBe(0);
    expect(addressDelayMs(FREE_PER_ADDRESS)).toBe(FIRST_ADDRESS_DELAY_MS);
    expect(addressDelayMs(FREE_PER_ADDRESS + 1)).toBe(2 * FIRST_ADDRESS_DELAY_MS);
    expect(addressDelayMs(FREE_PER_ADDRESS + 50)).toBe(MAX_ADDRESS_DELAY_MS);
    expect(addressDelayMs(1_000_000)).toBe(MAX_ADDRESS_DELAY_MS);
  });
});
