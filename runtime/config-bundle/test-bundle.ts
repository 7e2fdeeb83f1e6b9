import seedSchema from "@seeds/schema.json";
import { DEFAULT_PRINT_TEMPLATES } from "@seeds/print-templates";
import { defaultLayout } from "../layouts/default-layout";
import { compileSchema } from "../schema/compile";
import type { WorkspaceSchema } from "../schema/types";
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type ConfigBundle } from "./bundle-format";

/** A valid bundle over the seeded schema: one custom card, the list settings and a shared view of clients, every shipped template. */
export function sampleBundle(): ConfigBundle {
  const schema = structuredClone(seedSchema) as unknown as WorkspaceSchema;
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
    templates: structuredClone([...DEFAULT_PRINT_TEMPLATES]),
  };
}
