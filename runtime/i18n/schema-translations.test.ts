import { describe, expect, it } from "vitest";
import { validateWorkspaceSchema } from "../schema/validate-workspace";
import type { WorkspaceSchema } from "../schema/types";
import { inLanguage, translateSchema, untranslatedWords } from "./schema-translations";
import { compileSchema } from "../schema/compile";

const schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "Firm",
  "x-translations": { sv: { title: "Firma" } },
  "x-groups": [{ key: "crm", title: "CRM", "x-translations": { zh: { title: "客户关系" } } }],
  $defs: {
    clients: {
      type: "object",
      "x-id": "t_clients",
      title: "Client",
      "x-plural": "Clients",
      "x-group": "crm",
      "x-translations": { sv: { title: "Kund", "x-plural": "Kunder" }, zh: { title: "客户" } },
      properties: {
        name: {
          type: "string",
          "x-id": "f_name",
          "x-kind": "text",
          title: "Name",
          "x-translations": { sv: { title: "Namn", description: "Som det skrivs" } },
        },
        status: {
          type: "string",
          "x-id": "f_status",
          "x-kind": "select",
          title: "Status",
          enum: ["lead", "active"],
          "x-labels": { lead: "Lead", active: "Active" },
          "x-translations": { sv: { "x-labels": { active: "Aktiv" } } },
        },
      },
    },
  },
} as unknown as WorkspaceSchema;

describe("the schema in a reader's language", () => {
  it("is a schema the workspace accepts, x-translations and all", () => {
    expect(validateWorkspaceSchema(schema).ok).toBe(true);
  });

  it("refuses a translation of a word the node does not have", () => {
    const bad = structuredClone(schema) as unknown as { $defs: { clients: { "x-translations": Record<string, unknown> } } };
    bad.$defs.clients["x-translations"].sv = { colour: "blå" };
    expect(validateWorkspaceSchema(bad as unknown as WorkspaceSchema).ok).toBe(false);
  });

  it("takes each node's words in the language, the rest as written, without the translations", () => {
    const sv = compileSchema(translateSchema(schema, "sv-SE"));
    const clients = sv.tablesByKey.get("clients")!;
    expect([clients.label, clients.pluralLabel]).toEqual(["Kund", "Kunder"]);
    expect(clients.fieldsByKey.get("name")!.label).toBe("Namn");
    expect(clients.fieldsByKey.get("name")!.def.description).toBe("Som det skrivs");
    expect(clients.fieldsByKey.get("status")!.def["x-labels"]).toEqual({ lead: "Lead", active: "Aktiv" });
    expect(sv.schema.title).toBe("Firma");
    expect(JSON.stringify(sv.schema)).not.toContain("x-translations");
    const zh = compileSchema(translateSchema(schema, "zh"));
    expect([zh.tablesByKey.get("clients")!.label, zh.tablesByKey.get("clients")!.pluralLabel]).toEqual(["客户", "Clients"]);
    expect(zh.schema["x-groups"]![0].title).toBe("客户关系");
  });

  it("lists the words a language still lacks, by node and word", () => {
    expect(untranslatedWords(schema, "sv")).toEqual(["group crm title", "clients.status title", "clients.status x-labels.lead"]);
    expect(untranslatedWords(schema, "sv-SE")).toEqual(untranslatedWords(schema, "sv"));
    expect(untranslatedWords(schema, "zh")).toEqual([
      "workspace title",
      "clients x-plural",
      "clients.name title",
      "clients.status title",
      "clients.status x-labels.lead",
      "clients.status x-labels.active",
    ]);
  });

  it("leaves the stored schema as it was and compiles each language once per version", () => {
    const before = JSON.stringify(schema);
    const current = { version: 3, schema, compiled: compileSchema(schema, 3) };
    const first = inLanguage(current, "sv");
    expect(inLanguage(current, "sv")).toBe(first);
    expect(first.version).toBe(3);
    expect(JSON.stringify(schema)).toBe(before);
  });
});
