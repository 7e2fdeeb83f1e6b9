import { describe, expect, it } from "vitest";
import defaultSchema from "@seeds/schema.json";
import { compileSchema } from "./compile";
import { schemaAround } from "./schema-around";
import type { WorkspaceSchema } from "./types";

const workspace = defaultSchema as unknown as WorkspaceSchema;
const whole = compileSchema(workspace);

describe("schemaAround", () => {
  it("compiles every table of the default workspace to the same fields and lists as the whole", () => {
    for (const table of whole.tables) {
      const part = compileSchema(schemaAround(workspace, table.key)).tablesByKey.get(table.key)!;
      expect(
        part.fields.map((f) => f.key),
        table.key,
      ).toEqual(table.fields.map((f) => f.key));
      expect(part.lists, table.key).toEqual(table.lists);
      // Lines keep their own lists, so their formulas compute on the card as on the server.
      for (const list of table.lists.filter((l) => l.composition))
        expect(compileSchema(schemaAround(workspace, table.key)).tablesByKey.get(list.table)!.lists, list.table).toEqual(
          whole.tablesByKey.get(list.table)!.lists,
        );
    }
  });

  it("keeps the tables the card's relations and lines point at, and leaves unrelated ones out", () => {
    const ws: WorkspaceSchema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $defs: {
        clients: { type: "object", "x-id": "t1", properties: { name: { type: "string", "x-id": "f1", "x-kind": "text" } } },
        products: { type: "object", "x-id": "t2", properties: { name: { type: "string", "x-id": "f2", "x-kind": "text" } } },
        invoices: {
          type: "object",
          "x-id": "t3",
          properties: { client: { type: "integer", "x-id": "f3", "x-kind": "relation", "x-target": "clients", "x-inverse": "invoices" } },
        },
        lines: {
          type: "object",
          "x-id": "t4",
          properties: {
            invoice: {
              type: "integer",
              "x-id": "f4",
              "x-kind": "relation",
              "x-target": "invoices",
              "x-inverse": "lines",
              "x-composition": true,
            },
            product: { type: "integer", "x-id": "f5", "x-kind": "relation", "x-target": "products" },
          },
        },
        notes: { type: "object", "x-id": "t5", properties: { text: { type: "string", "x-id": "f6", "x-kind": "text" } } },
      },
    };
    expect(Object.keys(schemaAround(ws, "invoices").$defs)).toEqual(["clients", "products", "invoices", "lines"]);
    expect(Object.keys(schemaAround(ws, "notes").$defs)).toEqual(["notes"]);
    expect(Object.keys(schemaAround(ws, "missing").$defs)).toEqual([]);
  });
});
