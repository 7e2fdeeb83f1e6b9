import { describe, expect, it } from "vitest";
import { defaultLayout } from "@runtime/layouts/default-layout";
import { requireTable } from "@runtime/schema/compile";
import { removeElement } from "./move-element";
import { findControl } from "./paths";
import { filterPalette, unplacedFields } from "./palette";
import { clients, clientsLayout, compiled, fieldId } from "./test-support";

describe("unplacedFields", () => {
  it("lists the fields the card does not place, in schema order", () => {
    expect(unplacedFields(clientsLayout(), clients)).toEqual([]);
    let layout = removeElement(clientsLayout(), findControl(clientsLayout(), fieldId("phone"))!);
    layout = removeElement(layout, findControl(layout, fieldId("kind"))!);
    expect(unplacedFields(layout, clients).map((f) => f.key)).toEqual(["kind", "phone"]);
  });

  it("leaves out a line's link to its parent", () => {
    const child = compiled.tables.find((t) => t.parent);
    if (!child) return;
    expect(unplacedFields(defaultLayout(child), child)).toEqual([]);
    expect(unplacedFields({ type: "VerticalLayout", elements: [] }, requireTable(compiled, child.key)).map((f) => f.key)).not.toContain(
      child.parent!.field,
    );
  });
});

describe("filterPalette", () => {
  const fields = [
    { key: "email", label: "Email" },
    { key: "tax_id", label: "Tax / VAT ID" },
    { key: "city", label: "Ville de résidence" },
    { key: "address_line1", label: "Address line 1" },
  ];

  it("matches label or key, ignoring case and accents", () => {
    expect(filterPalette(fields, "EMAIL").map((f) => f.key)).toEqual(["email"]);
    expect(filterPalette(fields, "vat").map((f) => f.key)).toEqual(["tax_id"]);
    expect(filterPalette(fields, "tax_").map((f) => f.key)).toEqual(["tax_id"]);
    expect(filterPalette(fields, "RESIDENCE").map((f) => f.key)).toEqual(["city"]);
    expect(filterPalette(fields, "résidence").map((f) => f.key)).toEqual(["city"]);
    expect(filterPalette(fields, "line 1").map((f) => f.key)).toEqual(["address_line1"]);
    expect(filterPalette(fields, "zzz")).toEqual([]);
  });

  it("returns every field for an empty query", () => {
    expect(filterPalette(fields, "  ")).toEqual(fields);
  });
});
