import { describe, expect, it } from "vitest";
import { plan } from "@runtime/migrations/plan";
import { addIndex, removeIndex } from "./index-operations";
import { problemsOf, seedSchema } from "./test-schema";

describe("addIndex", () => {
  it("adds a composite index with a fresh id that plan turns into add_index", () => {
    const before = seedSchema();
    const after = addIndex(before, "clients", ["status", "city"]);
    expect(after.$defs.clients["x-indexes"]).toEqual([{ "x-id": "i_clients_status_city", fields: ["status", "city"] }]);
    expect(before.$defs.clients["x-indexes"]).toBeUndefined();
    expect(problemsOf(after)).toEqual([]);
    expect(plan(before, after).steps.map((s) => s.op)).toEqual(["add_index"]);
  });

  it("keeps one index when the same columns are asked for twice", () => {
    const once = addIndex(seedSchema(), "events", ["assignee", "done", "due_at"]);
    expect(once.$defs.events["x-indexes"]).toHaveLength(1);
  });

  it("refuses unknown fields, repeated fields and an empty list, naming them", () => {
    const s = seedSchema();
    expect(() => addIndex(s, "clients", ["nope"])).toThrow(/field "nope" does not exist/);
    expect(() => addIndex(s, "clients", ["city", "city"])).toThrow(/lists a field twice/);
    expect(() => addIndex(s, "clients", [])).toThrow(/at least one field/);
  });
});

describe("removeIndex", () => {
  it("removes the index and the empty list", () => {
    const after = removeIndex(seedSchema(), "contracts", "i_contracts_client_date");
    expect(after.$defs.contracts["x-indexes"]).toBeUndefined();
    expect(() => removeIndex(after, "contracts", "i_contracts_client_date")).toThrow(/has no index/);
  });
});
