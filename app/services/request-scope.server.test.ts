import { describe, expect, it } from "vitest";
import { inRequestScope, oncePerRequest } from "./request-scope.server";

function counter() {
  let calls = 0;
  return { make: async () => ++calls, calls: () => calls };
}

describe("oncePerRequest", () => {
  it("computes a key once within one GET request, and again in the next", async () => {
    const c = counter();
    const first = await inRequestScope("GET", async () => [await oncePerRequest("k", c.make), await oncePerRequest("k", c.make)]);
    expect(first).toEqual([1, 1]);
    expect(await inRequestScope("GET", () => oncePerRequest("k", c.make))).toBe(2);
  });

  it("keeps requests running at the same time apart", async () => {
    const c = counter();
    const [a, b] = await Promise.all([
      inRequestScope("GET", () => oncePerRequest("k", c.make)),
      inRequestScope("GET", () => oncePerRequest("k", c.make)),
    ]);
    expect(new Set([a, b])).toEqual(new Set([1, 2]));
  });

  it("does not remember within a POST, whose action may change what it read", async () => {
    const c = counter();
    const seen = await inRequestScope("POST", async () => [await oncePerRequest("k", c.make), await oncePerRequest("k", c.make)]);
    expect(seen).toEqual([1, 2]);
  });

  it("just computes outside a request", async () => {
    const c = counter();
    expect([await oncePerRequest("k", c.make), await oncePerRequest("k", c.make)]).toEqual([1, 2]);
  });
});
