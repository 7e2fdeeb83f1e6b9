import { describe, expect, it } from "vitest";
import { compileSchema } from "../schema/compile";
import { smallWorkspace } from "@tests/integration/workspace-schema";
import { titleOf } from "./titles";

const compiled = compileSchema(smallWorkspace());

describe("titleOf", () => {
  it("is the title field's value", () => {
    expect(titleOf(compiled.tablesByKey.get("clients")!, { id: 7, name: "Acme Freight" })).toBe("Acme Freight");
    expect(titleOf(compiled.tablesByKey.get("invoices")!, { id: 2, number: "INV-2026-0002" })).toBe("INV-2026-0002");
  });

  it("falls back to the table's label and the id when the title is empty or the table has none", () => {
    expect(titleOf(compiled.tablesByKey.get("clients")!, { id: 7, name: "" })).toBe("Client #7");
    expect(titleOf(compiled.tablesByKey.get("invoices")!, { id: 2, number: null })).toBe("Invoice #2");
    expect(titleOf(compiled.tablesByKey.get("payments")!, { id: 3, amount: 5 })).toBe("Payment #3");
  });

  it("names a user by name", () => {
    expect(titleOf(null, { id: 4, name: "Ann" })).toBe("Ann");
    expect(titleOf(null, { id: 4 })).toBe("#4");
  });
});
