import { describe, expect, it } from "vitest";
import { restoredMessage } from "./trash-messages";

describe("restoredMessage", () => {
  const field = { kind: "field" as const, name: "notes", label: "Notes", tableLabel: "Clients", values: 12 };

  it("says what came back and how many values it holds", () => {
    expect(restoredMessage(field, "notes")).toBe("Restored the field “Notes” of Clients with its 12 values.");
    expect(restoredMessage({ ...field, values: 1 }, "notes")).toBe("Restored the field “Notes” of Clients with its 1 value.");
    expect(restoredMessage({ ...field, values: null }, "notes")).toBe("Restored the field “Notes” of Clients with its values.");
    expect(restoredMessage({ kind: "table", name: "products", label: "Products", tableLabel: "Products", values: 40 }, "products")).toBe(
      "Restored the table “Products” with its 40 records.",
    );
    expect(restoredMessage({ kind: "record", name: "Acme Ltd", label: "Acme Ltd", tableLabel: "Clients", values: 1 }, null)).toBe(
      "Restored “Acme Ltd” to Clients.",
    );
  });

  it("explains a restore under another key because a newer field took the old one, and how to fix it", () => {
    expect(restoredMessage(field, "notes_restored")).toBe(
      "Restored the field “Notes” of Clients with its 12 values under the key “notes_restored”: a newer field is called “notes” now. Rename one of them, or move the values over and remove the other, in the schema designer.",
    );
  });
});
