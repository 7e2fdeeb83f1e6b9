import { describe, expect, it } from "vitest";
import { draftImpacts } from "./draft-impact";
import { seedSchema } from "./test-schema";

describe("draftImpacts", () => {
  it("says what uses each renamed, converted or removed field, at its moment in the draft", () => {
    const schema = seedSchema();
    const phoneId = schema.$defs.clients.properties.phone["x-id"];
    const clientsId = schema.$defs.clients["x-id"];
    const sources = {
      layouts: { clients: { type: "VerticalLayout", elements: [{ type: "Control", "x-field": phoneId }] } },
      views: [{ id: "1", name: "Call list", tableId: clientsId, state: { columns: [phoneId] } }],
      templates: [{ id: "t", name: "Client sheet", table: "clients", html: "<p>{{ record.phone }}</p>" }],
    };
    const lines = draftImpacts(
      schema,
      [
        { op: "setFieldLabel", table: "clients", field: "phone", labels: { title: "Mobile phone" } },
        { op: "renameFieldKey", table: "clients", field: "phone", newKey: "mobile_phone" },
        { op: "removeField", table: "clients", field: "notes" },
      ],
      sources,
    );
    expect(lines).toEqual([
      "The key change of “Mobile phone” (Clients): used in 1 layout, 1 saved view, the Client sheet template. They follow the new key.",
      "Removing “Notes” (Clients): not used in any layout, saved view, template or formula.",
    ]);
  });
});
