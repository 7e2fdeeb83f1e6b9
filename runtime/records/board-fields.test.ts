import { describe, expect, it } from "vitest";
import { compileSchema, requireTable } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { boardGroupFields } from "./board-fields";

describe("boardGroupFields", () => {
  it("offers choices and users, its amounts' currency left out, the stage first", () => {
    const schema: WorkspaceSchema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $defs: {
        deals: {
          type: "object",
          "x-id": "t_deals",
          properties: {
            title: { type: "string", "x-id": "f_title", "x-kind": "text" },
            amount: { type: "number", "x-id": "f_amount", "x-kind": "money", "x-currency-field": "currency" },
            currency: { type: "string", "x-id": "f_currency", "x-kind": "select", enum: ["EUR", "USD"] },
            stage: { type: "string", "x-id": "f_stage", "x-kind": "select", enum: ["new", "won"] },
            owner: { type: "integer", "x-id": "f_owner", "x-kind": "relation", "x-target": "crm_users" },
          },
        },
      },
    };
    const deals = requireTable(compileSchema(schema), "deals");
    expect(boardGroupFields(deals).map((f) => f.key)).toEqual(["stage", "owner"]);
  });
});
