import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type ConfigBundle } from "@runtime/config-bundle/bundle-format";
import { defaultLayout } from "@runtime/layouts/default-layout";
import { compileSchema } from "@runtime/schema/compile";
import { DEFAULT_CONFIGURATION } from "@seeds/default-configuration";

/** A valid bundle over the seeded schema: one custom card, the list settings and a shared view of clients, every shipped template. */
export function sampleBundle(): ConfigBundle {
  const { schema, templates } = structuredClone(DEFAULT_CONFIGURATION.configuration);
  const clients = compileSchema(schema).tablesByKey.get("clients")!;
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    exportedAt: "2026-11-24T10:00:00.000Z",
    source: { schemaVersion: 3 },
    schema,
    layouts: [{ tableId: clients.id, table: "clients", layout: defaultLayout(clients) }],
    views: [
      { tableId: clients.id, table: "clients", name: "Default", default: true, state: { columns: ["f_clients_name"], pageSize: 50 } },
      {
        tableId: clients.id,
        table: "clients",
        name: "Companies",
        default: false,
        state: { filter: { field: "f_clients_kind", op: "eq", value: "company" } },
      },
    ],
    templates: [...templates],
  };
}
