import { describe, expect, it } from "vitest";
import { compileSchema } from "../schema/compile";
import { smallWorkspace } from "@tests/integration/workspace-schema";
import { expectedRows } from "./expected-rows";
import { parseFilter } from "./filter";

const clients = compileSchema(smallWorkspace()).tablesByKey.get("clients")!;
// As InnoDB would report for 1,000,000 clients: three statuses, codes almost unique.
const stats = new Map([
  ["status", 333_333],
  ["code", 1.2],
]);
const expected = (raw: unknown) => expectedRows(clients, parseFilter(clients, raw), stats);

describe("expectedRows", () => {
  it("bounds a filter by the rows per value of an indexed column it picks values of", () => {
    expect(expected({ field: "code", op: "eq", value: "A" })).toBeCloseTo(1.2);
    expect(expected({ field: "status", op: "in", value: ["lead", "active"] })).toBeCloseTo(666_666);
    expect(expected({ field: "id", op: "eq", value: 3 })).toBe(1);
  });

  it("takes the smallest bound among the conditions every row must meet", () => {
    expect(
      expected({
        and: [
          { field: "status", op: "eq", value: "lead" },
          { field: "code", op: "eq", value: "A" },
        ],
      }),
    ).toBeCloseTo(1.2);
  });

  it("has no bound when no required condition picks values of a column with statistics", () => {
    expect(expectedRows(clients, null, stats)).toBeNull();
    expect(expected({ field: "email", op: "eq", value: "a@b.c" })).toBeNull();
    expect(expected({ field: "code", op: "startsWith", value: "A" })).toBeNull();
    expect(expected({ not: { field: "code", op: "eq", value: "A" } })).toBeNull();
    // Only one side of an "or" needs it: it bounds nothing.
    expect(
      expected({
        or: [
          { field: "code", op: "eq", value: "A" },
          { field: "email", op: "eq", value: "a@b.c" },
        ],
      }),
    ).toBeNull();
  });
});
