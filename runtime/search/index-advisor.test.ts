import { describe, expect, it } from "vitest";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { adviseBoardIndex, adviseIndex, adviseReportIndex } from "./index-advisor";

function table(extra: Partial<WorkspaceSchema["$defs"][string]> = {}) {
  const ws: WorkspaceSchema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: {
      invoices: {
        type: "object",
        "x-id": "t_inv",
        properties: {
          status: { type: "string", "x-id": "f_status", "x-kind": "select", enum: ["draft", "issued"] },
          client: { type: "integer", "x-id": "f_client", "x-kind": "relation", "x-target": "invoices" },
          date: { type: "string", "x-id": "f_date", "x-kind": "date" },
          total: { type: "number", "x-id": "f_total", "x-kind": "money" },
          notes: { type: "string", "x-id": "f_notes", "x-kind": "longtext" },
        },
        ...extra,
      },
    },
  };
  return compileSchema(ws).tablesByKey.get("invoices")!;
}

describe("adviseIndex", () => {
  it("puts equality columns first, then the sort, then one range", () => {
    const advice = adviseIndex(table(), {
      conditions: [
        { field: "total", op: "gt", value: 100 },
        { field: "status", op: "in", value: ["issued"] },
      ],
      sort: "-date",
    });
    expect(advice).toMatchObject({ columns: ["status", "date", "total"], served: false, entry: { fields: ["status", "date", "total"] } });
  });

  it("sees when an existing index already serves the view, equality columns in any order", () => {
    const t = table({ "x-indexes": [{ "x-id": "i1", fields: ["client", "status", "date"] }] });
    const view = {
      conditions: [
        { field: "status", op: "eq" as const, value: "issued" },
        { field: "client", op: "eq" as const, value: 3 },
      ],
      sort: "date",
    };
    expect(adviseIndex(t, view)?.served).toBe(true);
    expect(adviseIndex(table(), view)?.served).toBe(false);
  });

  it("gives no advice for OR-ed conditions or fields no index can serve", () => {
    expect(
      adviseIndex(table(), {
        mode: "or",
        conditions: [
          { field: "status", op: "eq", value: "a" },
          { field: "date", op: "gt", value: "2026-01-01" },
        ],
      }),
    ).toBeNull();
    expect(adviseIndex(table(), { conditions: [{ field: "notes", op: "contains", value: "x" }] })).toBeNull();
    expect(adviseIndex(table(), {})).toBeNull();
  });

  it("advises an index for a sort alone", () => {
    expect(adviseIndex(table(), { sort: "-total" })?.columns).toEqual(["total"]);
  });
});

describe("adviseBoardIndex", () => {
  it("covers a board's counts and sums: the group field, then the money", () => {
    const advice = adviseBoardIndex(table(), "status");
    expect(advice).toMatchObject({ columns: ["status", "total"], served: false, entry: { fields: ["status", "total"] } });
    expect(adviseBoardIndex(table({ "x-indexes": [{ "x-id": "i_board", fields: ["status", "total"] }] }), "status")?.served).toBe(true);
    expect(adviseBoardIndex(table(), "nothing")).toBeNull();
  });
});

describe("adviseReportIndex", () => {
  it("covers a report: equality, one range, its groups, then what it measures", () => {
    const advice = adviseReportIndex(table(), {
      groupBy: [{ field: "date" }, { field: "client.name" }],
      measures: [{}, { field: "total" }],
      filter: {
        and: [
          { field: "date", op: "between", value: ["2026-01-01", "2026-12-31"] },
          { field: "status", op: "eq", value: "issued" },
        ],
      },
    });
    expect(advice?.columns).toEqual(["status", "date", "client", "total"]);
    expect(advice?.served).toBe(false);
  });

  it("puts a range on a field it does not group by after the groups, so they stream in index order", () => {
    const advice = adviseReportIndex(table(), {
      groupBy: [{ field: "date" }],
      measures: [{ field: "total" }],
      filter: {
        and: [
          { field: "status", op: "eq", value: "issued" },
          { field: "total", op: "gt", value: 0 },
        ],
      },
    });
    expect(advice?.columns).toEqual(["status", "date", "total"]);
  });

  it("gives no advice for an OR-ed filter or a report over everything", () => {
    expect(adviseReportIndex(table(), { groupBy: [], measures: [{ field: "total" }] })).toBeNull();
    expect(
      adviseReportIndex(table(), {
        groupBy: [{ field: "status" }],
        measures: [],
        filter: { or: [{ field: "status", op: "eq", value: "a" }] },
      }),
    ).toBeNull();
  });
});
