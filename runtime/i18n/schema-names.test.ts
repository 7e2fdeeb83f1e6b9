import { describe, expect, it } from "vitest";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { fieldName, phraseInSchema, tableName, tablesName } from "./schema-names";
import { translateSchema } from "./schema-translations";
import { englishWords, say, schemaName } from "./words";

const schema: WorkspaceSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $defs: {
    clients: {
      type: "object",
      "x-id": "t_clients",
      title: "Client",
      "x-plural": "Clients",
      "x-translations": { sv: { title: "Kund", "x-plural": "Kunder", "x-lock-message": "Rätta den med en kreditnota." } },
      "x-lock": { when: { field: "tax_id", op: "eq", value: "x" }, fields: ["tax_id"], message: "Correct it with a credit note." },
      properties: {
        tax_id: { type: "string", "x-id": "f_tax", "x-kind": "text", title: "Tax ID", "x-translations": { sv: { title: "Momsnummer" } } },
      },
    },
  },
};

describe("table and field names inside a phrase", () => {
  const english = compileSchema(schema, 1);
  const swedish = compileSchema(translateSchema(schema, "sv"), 1);
  const clients = english.tablesByKey.get("clients")!;
  const phrase = {
    key: "x",
    values: {
      one: tableName(clients),
      many: tablesName(clients),
      field: fieldName(clients, clients.fieldsByKey.get("tax_id")!),
      nested: { key: "y", values: { table: tablesName(clients) } },
      id: 7,
    },
  };
  const words = englishWords({ x: "{{one}} / {{many}} / {{field}} / {{nested}} #{{id}}", y: "in {{table}}" });

  it("are said as stored in English", () => {
    expect(say(phrase, words)).toBe("Client / Clients / Tax ID / in Clients #7");
  });

  it("are the reader's schema's names once put in it, nested phrases too", () => {
    expect(say(phraseInSchema(phrase, swedish), words)).toBe("Kund / Kunder / Momsnummer / in Kunder #7");
  });

  it("include a table's lock message, in the reader's words where the schema has them", () => {
    const lock = { key: "x", values: { one: schemaName("Correct it with a credit note.", "clients", { lockMessage: true }) } };
    const said = englishWords({ x: "{{one}}" });
    expect(say(lock, said)).toBe("Correct it with a credit note.");
    expect(say(phraseInSchema(lock, swedish), said)).toBe("Rätta den med en kreditnota.");
  });

  it("stay as said when the schema no longer has them", () => {
    const gone = compileSchema({ $schema: schema.$schema, $defs: {} }, 2);
    expect(say(phraseInSchema(phrase, gone), words)).toBe("Client / Clients / Tax ID / in Clients #7");
  });
});
