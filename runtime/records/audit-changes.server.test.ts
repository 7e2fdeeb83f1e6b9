import { describe, expect, it } from "vitest";
import { compileSchema } from "../schema/compile";
import { smallWorkspace } from "@tests/integration/workspace-schema";
import { changesSeen, updateChanges } from "./audit-changes.server";

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

describe("changesSeen", () => {
  const unseen = new Set(["number", "total"]);

  it("keeps only the fields seen now, and the line lists' names", () => {
    const changes = { status: ["draft", "issued"], number: [null, "INV-1"], total: ["1.00", "2.00"], _lines: [null, ["items"]] };
    expect(changesSeen(changes, invoices, unseen)).toEqual({ changes: { status: ["draft", "issued"], _lines: [null, ["items"]] } });
  });

  it("leaves out a key no field has any more, whether or not it was hidden when written", () => {
    expect(changesSeen({ status: ["draft", "issued"], old_secret: ["a", "b"] }, invoices, new Set())).toEqual({
      changes: { status: ["draft", "issued"] },
    });
  });

  it("drops an entry that changed nothing seen, lines alone included, and keeps one that changed nothing at all", () => {
    expect(changesSeen({ number: [null, "INV-1"] }, invoices, unseen)).toBeNull();
    expect(changesSeen({ number: [null, "INV-1"], _lines: [null, ["items"]] }, invoices, unseen)).toBeNull();
    expect(changesSeen({}, invoices, unseen)).toEqual({ changes: {} });
  });

  it("passes changes that are not a field map as they are", () => {
    expect(changesSeen(null, invoices, unseen)).toEqual({ changes: null });
    expect(changesSeen(["x"], invoices, unseen)).toEqual({ changes: ["x"] });
  });
});
