import { describe, expect, it } from "vitest";
import { compileSchema } from "../schema/compile";
import { smallWorkspace } from "@tests/integration/workspace-schema";
import { updateChanges } from "./audit-changes.server";

const invoices = compileSchema(smallWorkspace()).tablesByKey.get("invoices")!;

describe("updateChanges", () => {
  it("records each changed field as [before, after], computed ones included", () => {
    const before = { id: 1, version: 2, status: "draft", number: null, date: "2026-01-02", total: "10.00" };
    const after = { ...before, version: 3, status: "issued", number: "INV-2026-0001", total: "10.00" };
    expect(updateChanges(invoices, before, after, [])).toEqual({ status: ["draft", "issued"], number: [null, "INV-2026-0001"] });
  });

  it("treats a missing value as null, so clearing a field is a change and absence is not", () => {
    expect(updateChanges(invoices, { date: "2026-01-02" }, {}, [])).toEqual({ date: ["2026-01-02", null] });
    expect(updateChanges(invoices, { date: null }, {}, [])).toEqual({});
  });

  it("names the line lists that were sent", () => {
    expect(updateChanges(invoices, { status: "draft" }, { status: "draft" }, ["items"])).toEqual({ _lines: [null, ["items"]] });
  });
});
