import { retryDelayMs } from "./backoff";

describe("retryDelayMs", () => {
  it("grows fourfold per attempt from 5 seconds and stops at an hour", () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, middle))).toEqual([5_000, 20_000, 80_000, 320_000]);
    expect(retryDelayMs(20, middle)).toBe(3_600_000);
  });

  it("spreads retries by ±20 % so that jobs failing together come back apart", () => {
    expect(retryDelayMs(1, () => 0)).toBe(4_000);
    expect(retryDelayMs(1, () => 1)).toBe(6_000);
  });
});
