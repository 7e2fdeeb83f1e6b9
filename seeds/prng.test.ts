import { describe, it, expect } from "vitest";
import { createPrng } from "./prng";

describe("createPrng", () => {
  it("repeats the same sequence for the same seed and differs between seeds", () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const seqA = Array.from({ length: 10 }, () => a.next());
    expect(Array.from({ length: 10 }, () => b.next())).toEqual(seqA);
    const c = createPrng(43);
    expect(Array.from({ length: 10 }, () => c.next())).not.toEqual(seqA);
  });

  it("stays in range and covers it", () => {
    const prng = createPrng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = prng.int(3, 9);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(9);
      seen.add(n);
      const f = prng.next();
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it("picks every item sometimes and refuses an empty list", () => {
    const prng = createPrng(5);
    const picked = new Set(Array.from({ length: 300 }, () => prng.pick(["a", "b", "c"])));
    expect(picked).toEqual(new Set(["a", "b", "c"]));
    expect(() => prng.pick([])).toThrow(/at least one item/);
    const heads = Array.from({ length: 1000 }, () => prng.chance(0.3)).filter(Boolean).length;
    expect(heads).toBeGreaterThan(230);
    expect(heads).toBeLessThan(370);
  });
});
