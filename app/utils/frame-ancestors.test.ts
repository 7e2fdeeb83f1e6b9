import { describe, expect, it } from "vitest";
import { routeFrameAncestors } from "./frame-ancestors";

describe("routeFrameAncestors", () => {
  const modules = {
    root: { handle: undefined },
    "routes/f.$slug": { handle: { frameAncestors: (data: unknown) => (data as { frameAncestors?: string } | undefined)?.frameAncestors } },
    "routes/login": { handle: { barePage: true } },
  };
  const matches = (leaf: string) => [{ route: { id: "root" } }, { route: { id: leaf } }];

  it("reads the sources from the route's loader data, or its action data when the loader did not run", () => {
    expect(
      routeFrameAncestors({ matches: matches("routes/f.$slug"), loaderData: { "routes/f.$slug": { frameAncestors: "*" } } }, modules),
    ).toBe("*");
    expect(
      routeFrameAncestors(
        {
          matches: matches("routes/f.$slug"),
          loaderData: {},
          actionData: { "routes/f.$slug": { frameAncestors: "'self' https://a.example" } },
        },
        modules,
      ),
    ).toBe("'self' https://a.example");
  });

  it("leaves every other page unframable", () => {
    expect(routeFrameAncestors({ matches: matches("routes/login"), loaderData: {} }, modules)).toBeUndefined();
    // A form route that failed (no data) is not framable either.
    expect(routeFrameAncestors({ matches: matches("routes/f.$slug"), loaderData: {} }, modules)).toBeUndefined();
  });
});
