import schemaJson from "@seeds/schema.json";
import { defaultLayout } from "@runtime/layouts/default-layout";
import type { CardLayout } from "@runtime/layouts/types";
import { compileSchema, type CompiledSchema, type CompiledTable } from "@runtime/schema/compile";
import type { WorkspaceSchema } from "@runtime/schema/types";
import { ALL_RIGHTS, type CardData } from "./card-types";

/** The default configuration's schema, compiled: the card tests run on the real invoice formulas. */
export function seededSchema(): { schema: WorkspaceSchema; compiled: CompiledSchema } {
  const schema = structuredClone(schemaJson) as unknown as WorkspaceSchema;
  return { schema, compiled: compileSchema(schema, 1) };
}

/** Card data as the loader would send it, for component tests that run without Remix. */
export function cardData(
  tableKey: string,
  overrides: Partial<CardData> = {},
): { data: CardData; compiled: CompiledSchema; table: CompiledTable } {
  const { schema, compiled } = seededSchema();
  const table = compiled.tablesByKey.get(tableKey);
  if (!table) throw new Error(`no table ${tableKey} in the seeded schema`);
  const layout: CardLayout = overrides.layout ?? defaultLayout(table);
  const data: CardData = {
    tableKey,
    schema,
    schemaVersion: 1,
    layout,
    notices: [],
    extraFields: [],
    record: null,
    initial: {},
    related: {},
    formulaLists: {},
    format: { locale: "en-US", timeZone: "UTC" },
    rights: ALL_RIGHTS,
    ...overrides,
  };
  return { data, compiled, table };
}
