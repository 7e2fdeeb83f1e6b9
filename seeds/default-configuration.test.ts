import { describe, expect, it } from "vitest";
import { compileSchema } from "@runtime/schema/compile";
import { fromStoredState } from "@runtime/views/stored-view";
import { DEFAULT_CONFIGURATION } from "./default-configuration";

describe("the default configuration's list views", () => {
  const compiled = compileSchema(DEFAULT_CONFIGURATION.configuration.schema, 1);

  it("shows invoices with status, total and balance, newest first, without notices", () => {
    const view = DEFAULT_CONFIGURATION.configuration.views.find((v) => v.tableId === "t_invoices" && v.default);
    expect(view).toBeDefined();
    const invoices = compiled.tablesByKey.get("invoices")!;
    const { state, notices } = fromStoredState(invoices, view!.state, view!.name);
    expect(notices).toEqual([]);
    expect(state.columns).toEqual(["number", "client", "date", "due_date", "status", "total", "balance"]);
    expect(state.sort).toBe("-date");
  });

  it("names only tables and fields the schema has", () => {
    for (const view of DEFAULT_CONFIGURATION.configuration.views) {
      const table = compiled.tables.find((t) => t.id === view.tableId);
      expect(table?.key, view.name).toBe(view.table);
      expect(fromStoredState(table!, view.state, view.name).notices).toEqual([]);
    }
  });
});
