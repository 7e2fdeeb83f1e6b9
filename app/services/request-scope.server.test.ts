import { describe, expect, it } from "vitest";
import { inRequestScope, oncePerRequest, serverTimingHeader, timed } from "./request-scope.server";

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

describe("timed and serverTimingHeader", () => {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("reports each timed call and the request's own time, in that order", async () => {
    const header = await inRequestScope(
      "GET",
      async () => {
        const rows = await timed("records", async () => {
          await pause(15);
          return "rows";
        });
        expect(rows).toBe("rows");
        return serverTimingHeader(42.123);
      },
      { timings: true },
    );
    const match = /^records;dur=(\d+\.\d\d), app;dur=42\.12$/.exec(header ?? "");
    expect(match, header ?? "no header").not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(14);
  });

  it("still reports a call that failed, and passes its error on", async () => {
    const header = await inRequestScope(
      "POST",
      async () => {
        await expect(timed("records", () => Promise.reject(new Error("no such table")))).rejects.toThrow("no such table");
        return serverTimingHeader(1);
      },
      { timings: true },
    );
    expect(header).toMatch(/^records;dur=\d+\.\d\d, app;dur=1\.00$/);
  });

  it("says nothing unless the server reports timings", async () => {
    const header = await inRequestScope("GET", async () => {
      await timed("records", async () => 1);
      return serverTimingHeader(3);
    });
    expect(header).toBeNull();
    expect(await timed("records", async () => 2)).toBe(2);
    expect(serverTimingHeader(3)).toBeNull();
  });
});
