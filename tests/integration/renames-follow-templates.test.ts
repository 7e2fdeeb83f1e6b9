import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Runtime } from "@runtime/runtime.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { createSeededRuntime } from "../helpers/default-configuration";

/**
 * Print templates name fields by key. A key renamed by any path that applies a schema change (the
 * API, the CLI, a bundle import: all go through workspace.apply) is followed in every template.
 */
describe.each(testDatabases)("a renamed field key in print templates, on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;

  beforeEach(async () => {
    database = await kind.create();
    rt = await createSeededRuntime(database.url);
  });
  afterEach(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("follows the new key in the shipped invoice, without the HTTP API", async () => {
    const { templates } = rt;
    const invoice = (await templates.list("invoices")).find((t) => t.html.includes("client.legal_name"));
    expect(invoice, "the shipped invoice shows the client's legal name").toBeDefined();

    const { version, schema } = await rt.workspace.current();
    const next = structuredClone(schema);
    const props = next.$defs.clients.properties;
    next.$defs.clients.properties = Object.fromEntries(
      Object.entries(props).map(([k, v]) => [k === "legal_name" ? "registered_name" : k, v]),
    );
    await rt.workspace.apply({ baseVersion: version, schema: next });

    const after = await templates.get(invoice!.id);
    expect(after.html).toContain("client.registered_name");
    expect(after.html).not.toContain("client.legal_name");
  });

  it("follows the field, not the key, when the old key is reused or two keys are swapped in one change", async () => {
    const { templates } = rt;
    const invoice = (await templates.list("invoices")).find(
      (t) => t.html.includes("record.client.legal_name") && t.html.includes("record.client.tax_id"),
    )!;
    const { version, schema } = await rt.workspace.current();
    const next = structuredClone(schema);
    const clients = next.$defs.clients.properties;
    // legal_name and tax_id swap keys in one change.
    const legal = clients.legal_name;
    clients.legal_name = clients.tax_id;
    clients.tax_id = legal;
    await rt.workspace.apply({ baseVersion: version, schema: next });
    const swapped = await templates.get(invoice.id);
    // What printed the legal name now reads the field that holds it, under its new key "tax_id".
    expect(swapped.html).toContain("{{ record.client.tax_id | default: record.client.name }}");
    expect(swapped.html).toContain("{% if record.client.legal_name %}");

    // A rename whose old key a new field takes in the same change.
    const now = await rt.workspace.current();
    const again = structuredClone(now.schema);
    const props = again.$defs.clients.properties;
    props.vat_number = props.legal_name;
    props.legal_name = { type: "string", "x-kind": "text", title: "Legal name (new)", "x-id": "f_clients_legal_name_new" };
    await rt.workspace.apply({ baseVersion: now.version, schema: again });
    const reused = await templates.get(invoice.id);
    expect(reused.html).toContain("{% if record.client.vat_number %}");
    expect(reused.html).not.toContain("record.client.legal_name");
  });
});
