import { describe, expect, it } from "vitest";
import { decodeConditions, encodeConditions, fromFilter, toFilter, type Condition } from "./conditions";

const conditions: Condition[] = [
  { field: "status", op: "in", value: ["issued", "paid"] },
  { field: "due_date", op: "between", value: ["2024-05-01", "2024-05-31"] },
  { field: "notes", op: "isEmpty" },
  { field: "paid", op: "eq", value: true },
];

describe("conditions in the address", () => {
  it("round-trips", () => {
    expect(decodeConditions(encodeConditions(conditions))).toEqual({ ok: true, conditions });
  });

  it("refuses shapes that do not fit the operator", () => {
    expect(decodeConditions('[["d","between",["x"]]]').ok).toBe(false);
    expect(decodeConditions('[["s","in",[]]]').ok).toBe(false);
    expect(decodeConditions('[["s","eq",{"a":1}]]').ok).toBe(false);
    expect(decodeConditions('[["s","drop"]]').ok).toBe(false);
    expect(decodeConditions("{}").ok).toBe(false);
    expect(decodeConditions("not json").ok).toBe(false);
  });
});

describe("the service's filter format", () => {
  it("groups conditions with and/or and reads them back", () => {
    const filter = toFilter(conditions, "or");
    expect(filter).toEqual({
      or: [expect.objectContaining({ field: "status" }), expect.anything(), { field: "notes", op: "isEmpty" }, expect.anything()],
    });
    expect(fromFilter(filter)).toEqual({ conditions, mode: "or" });
    expect(toFilter([], "and")).toBeUndefined();
  });

  it("reads a single leaf and refuses nesting it cannot show", () => {
    expect(fromFilter({ field: "a", op: "eq", value: 1 })).toEqual({ conditions: [{ field: "a", op: "eq", value: 1 }], mode: "and" });
    expect(fromFilter({ and: [{ or: [] }] })).toBeNull();
  });
});
