import { englishWords, type Words } from "../i18n/words";
import type { ColumnSpec } from "../fields/types";
import { compileSchema, shortHash, type CompiledField, type CompiledSchema, type CompiledTable } from "../schema/compile";
import type { FieldKind, WorkspaceSchema } from "../schema/types";
import { KIND_NAMES_ENGLISH } from "../fields/kind-names";
import { isFormula } from "../fields/structure";
import type { ColumnDef, MigrationPlan, MigrationStep } from "./steps";

/**
 * The columns every record table has. `created_by`/`updated_by` hold `crm_users` ids.
 */
export const SYSTEM_COLUMN_SPECS: ColumnDef[] = [
  { name: "version", spec: { type: "integer" } },
  { name: "created_at", spec: { type: "datetime" } },
  { name: "updated_at", spec: { type: "datetime" } },
  { name: "created_by", spec: { type: "integer" } },
  { name: "updated_by", spec: { type: "integer" } },
];

export function trashColumnName(fromVersion: number, fieldId: string): string {
  return `crm_del_v${fromVersion}_${shortHash(fieldId)}`;
}
export function trashTableName(fromVersion: number, tableId: string): string {
  return `crm_del_v${fromVersion}_${shortHash(tableId)}`;
}
function tempColumnName(fromVersion: number, fieldId: string): string {
  return `crm_tmp_v${fromVersion}_${shortHash(fieldId)}`;
}

/**
 * The steps' descriptions, in English: the stored plan and the CLI read these; the schema
 * designer's review passes its reader's words to `plan` (`locales/*.json`, same keys).
 */
export const PLAN_ENGLISH: Readonly<Record<string, string>> = {
  ...KIND_NAMES_ENGLISH,
  "schemaDesigner.quote": "“{{text}}”",
  "schemaDesigner.plan.removeTable": "Remove table {{table}}: its records go to the trash and can be restored",
  "schemaDesigner.plan.renameTable": "Rename table {{from}} to {{to}}",
  "schemaDesigner.plan.renameTableCrossing": "Rename table {{from}} to {{to}} (in two moves, as the names cross)",
  "schemaDesigner.plan.createTable_one": "Create table {{table}} with {{count}} field",
  "schemaDesigner.plan.createTable_other": "Create table {{table}} with {{count}} fields",
  "schemaDesigner.plan.addSearch": "Build the quick-search index of {{table}} over {{fields}}",
  "schemaDesigner.plan.dropSearch": "Drop the quick-search index of {{table}}",
  "schemaDesigner.plan.addIndex": "Index {{fields}} in {{table}}",
  "schemaDesigner.plan.addUnique": "Enforce unique values of {{fields}} in {{table}}",
  "schemaDesigner.plan.dropIndex": "Drop the index on {{columns}} in {{table}}",
  "schemaDesigner.plan.dropUnique": "Drop the unique index on {{columns}} in {{table}}",
  "schemaDesigner.plan.removeField": "Remove field {{field}} from {{table}}: its values go to the trash and can be restored",
  "schemaDesigner.plan.renameKey": "Rename the key of field {{field}} in {{table}} from {{from}} to {{to}}; its values stay",
  "schemaDesigner.plan.addField": "Add field {{field}} ({{kind}}) to {{table}}",
  "schemaDesigner.plan.prepareStorage": "Prepare the new storage of {{field}} in {{table}}",
  "schemaDesigner.plan.prepareKind": "Prepare the new kind from {{from}} to {{to}} of {{field}} in {{table}}",
  "schemaDesigner.plan.convertStorage": "Convert every value of {{field}} in {{table}} (storage)",
  "schemaDesigner.plan.convertKind": "Convert every value of {{field}} in {{table}} (kind from {{from}} to {{to}})",
  "schemaDesigner.plan.lossy": "{{step}}; the old values are kept in the trash",
  "schemaDesigner.plan.keepOld": "Keep the old values of {{field}} in the trash",
  "schemaDesigner.plan.switchStorage": "Switch {{field}} to its new storage",
  "schemaDesigner.plan.switchKind": "Switch {{field}} to its new kind from {{from}} to {{to}}",
  "schemaDesigner.plan.recompute": "Recompute {{fields}} for every record of {{table}}",
};
const english = englishWords(PLAN_ENGLISH);

/** The kind as the schema designer names it (Choice, Link to record), not its key (select, relation). */
const kindLabel = (kind: FieldKind, t: Words): string => t(`fieldKinds.${kind}`);

const EMPTY: WorkspaceSchema = { $schema: "https://json-schema.org/draft/2020-12/schema", $defs: {} };

type Column<T extends ColumnSpec["type"]> = Extract<ColumnSpec, { type: T }>;

/** The column changes that keep every value as it is, by old type and new type; any other needs the same column. */
const WIDENINGS: { [F in ColumnSpec["type"]]?: { [T in ColumnSpec["type"]]?: (from: Column<F>, to: Column<T>) => boolean } } = {
  string: { string: (from, to) => to.length >= from.length, text: () => true },
  text: { text: (from, to) => from.size === "normal" || to.size === "long" },
  integer: { bigint: () => true },
  decimal: { decimal: (from, to) => to.scale >= from.scale && to.precision - to.scale >= from.precision - from.scale },
};

/** True when every value the old column can hold fits the new one unchanged. */
export function isWidening(from: ColumnSpec, to: ColumnSpec): boolean {
  const widens = WIDENINGS[from.type]?.[to.type] as ((from: ColumnSpec, to: ColumnSpec) => boolean) | undefined;
  return widens ? widens(from, to) : sameColumn(from, to);
}

function sameColumn(a: ColumnSpec, b: ColumnSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function formulaSignature(f: CompiledField): string | null {
  if (!isFormula(f)) return null;
  return JSON.stringify([f.def["x-formula"], f.def["x-result"], f.def["x-scale"]]);
}

/**
 * Renames inside one namespace may collide (a ↔ b swap, or a → b while b is being renamed away):
 * then every rename goes through a temporary name first, so no step ever meets an occupied name.
 */
function orderRenames<T extends { from: string; to: string }>(
  renames: T[],
  occupied: Set<string>,
  temp: (r: T) => string,
): { from: string; to: string; r: T }[] {
  const collides = renames.some((r) => occupied.has(r.to));
  if (!collides) return renames.map((r) => ({ from: r.from, to: r.to, r }));
  return [...renames.map((r) => ({ from: r.from, to: temp(r), r })), ...renames.map((r) => ({ from: temp(r), to: r.to, r }))];
}

/**
 * Plans the change from `oldSchema` to `newSchema` as ordered steps. Pure. Tables and fields are
 * matched by `x-id`, so a renamed key renames its table or column and keeps its data.
 */
/** The steps from `oldSchema` to `newSchema`; `t` says their descriptions (English without it). */
export function plan(oldSchema: WorkspaceSchema | null, newSchema: WorkspaceSchema, t: Words = english): MigrationPlan {
  const say = (key: string, values: Record<string, unknown> = {}) => t(`schemaDesigner.plan.${key}`, values);
  const q = (text: string) => t("schemaDesigner.quote", { text });
  const before = compileSchema(oldSchema ?? EMPTY);
  const after = compileSchema(newSchema);
  const v = before.version;
  const steps: MigrationStep[] = [];

  const dropIndexes: MigrationStep[] = [];
  const dropTables: MigrationStep[] = [];
  const createTables: MigrationStep[] = [];
  const columnSteps: MigrationStep[] = [];
  const addIndexes: MigrationStep[] = [];
  const recomputes: MigrationStep[] = [];

  // Tables that disappear go to the trash whole; their indexes go with them.
  for (const old of before.tables) {
    if (after.tablesById.has(old.id)) continue;
    if (old.search) dropIndexes.push(dropSearchStep(old, t));
    dropTables.push({
      op: "drop_table",
      table: old.key,
      tableId: old.id,
      trashName: trashTableName(v, old.id),
      definition: old.def,
      destructive: true,
      description: say("removeTable", { table: q(old.pluralLabel) }),
    });
  }

  const tableRenames = after.tables
    .map((t) => ({ t, old: before.tablesById.get(t.id) }))
    .filter((x): x is { t: CompiledTable; old: CompiledTable } => !!x.old && x.old.key !== x.t.key)
    .map(({ t, old }) => ({ from: old.key, to: t.key, id: t.id, label: t.pluralLabel }));
  const occupiedTables = new Set(before.tables.filter((t) => after.tablesById.has(t.id)).map((t) => t.key));
  const renameTableSteps: MigrationStep[] = orderRenames(tableRenames, occupiedTables, (r) => `crm_tmp_v${v}_${shortHash(r.id)}`).map(
    ({ from, to, r }) => ({
      op: "rename_table",
      from,
      to,
      tableId: r.id,
      destructive: false,
      description: say(from !== r.from || to !== r.to ? "renameTableCrossing" : "renameTable", { from: q(r.from), to: q(r.to) }),
    }),
  );

  for (const table of after.tables) {
    const old = before.tablesById.get(table.id);
    if (!old) {
      createTables.push({
        op: "create_table",
        table: table.key,
        tableId: table.id,
        columns: table.fields.map((f) => ({ name: f.key, spec: f.column })),
        destructive: false,
        description: say("createTable", { table: q(table.pluralLabel), count: table.fields.length }),
      });
      for (const ix of table.indexes) addIndexes.push(addIndexStep(table, ix.name, ix.columns, ix.unique, t));
      if (table.search) addIndexes.push(addSearchStep(table, t));
      continue;
    }
    planTableChanges(old, table, v, { dropIndexes, columnSteps, addIndexes, recomputes }, t);
  }

  steps.push(...dropIndexes, ...dropTables, ...renameTableSteps, ...createTables, ...columnSteps, ...addIndexes, ...recomputes);
  return { fromVersion: v, steps };
}

const quote = (t: Words) => (text: string) => t("schemaDesigner.quote", { text });

function addSearchStep(table: CompiledTable, t: Words): MigrationStep {
  const q = quote(t);
  const labels = table.search!.columns.map((c) => table.fieldsByKey.get(c)?.label ?? c);
  return {
    op: "add_search_index",
    table: table.key,
    name: table.search!.name,
    columns: table.search!.columns,
    destructive: false,
    description: t("schemaDesigner.plan.addSearch", { table: q(table.pluralLabel), fields: labels.map(q).join(", ") }),
  };
}

function dropSearchStep(table: CompiledTable, t: Words): MigrationStep {
  return {
    op: "drop_search_index",
    table: table.key,
    name: table.search!.name,
    columns: table.search!.columns,
    destructive: false,
    description: t("schemaDesigner.plan.dropSearch", { table: quote(t)(table.pluralLabel) }),
  };
}

function addIndexStep(table: CompiledTable, name: string, columns: string[], unique: boolean, t: Words): MigrationStep {
  const q = quote(t);
  const labels = columns.map((c) => table.fieldsByKey.get(c)?.label ?? c);
  return {
    op: "add_index",
    table: table.key,
    name,
    columns,
    unique,
    destructive: false,
    description: t(unique ? "schemaDesigner.plan.addUnique" : "schemaDesigner.plan.addIndex", {
      fields: labels.map(q).join(" + "),
      table: q(table.pluralLabel),
    }),
  };
}

function planTableChanges(
  old: CompiledTable,
  t: CompiledTable,
  v: number,
  out: { dropIndexes: MigrationStep[]; columnSteps: MigrationStep[]; addIndexes: MigrationStep[]; recomputes: MigrationStep[] },
  words: Words,
) {
  const q = quote(words);
  const say = (key: string, values: Record<string, unknown>) => words(`schemaDesigner.plan.${key}`, values);
  const newById = new Map(t.fields.map((f) => [f.id, f]));
  const oldById = new Map(old.fields.map((f) => [f.id, f]));
  // Columns that are rebuilt or removed lose their indexes first; indexes on them come back at the end.
  const rebuilt = new Set<string>();
  for (const f of old.fields) {
    const nf = newById.get(f.id);
    if (!nf || nf.kind !== f.kind || !sameColumn(nf.column, f.column)) rebuilt.add(f.key);
  }
  const newIndexNames = new Set(t.indexes.map((i) => i.name));
  const oldIndexNames = new Set(old.indexes.map((i) => i.name));
  const droppedIndexNames = new Set<string>();
  for (const ix of old.indexes) {
    if (!newIndexNames.has(ix.name) || ix.columns.some((c) => rebuilt.has(c))) {
      droppedIndexNames.add(ix.name);
      out.dropIndexes.push({
        op: "drop_index",
        table: old.key,
        name: ix.name,
        columns: ix.columns,
        unique: ix.unique,
        specs: Object.fromEntries(
          ix.columns.map((c) => [c, old.fieldsByKey.get(c)?.column]).filter((e): e is [string, ColumnSpec] => !!e[1]),
        ),
        destructive: false,
        description: say(ix.unique ? "dropUnique" : "dropIndex", { columns: ix.columns.map(q).join(" + "), table: q(old.pluralLabel) }),
      });
    }
  }

  // The search index goes first when its fields change (or one of them is rebuilt), and comes back last.
  const searchRebuilt = !!old.search && (!t.search || t.search.name !== old.search.name || old.search.columns.some((c) => rebuilt.has(c)));
  if (old.search && searchRebuilt) out.dropIndexes.push(dropSearchStep(old, words));
  if (t.search && (!old.search || searchRebuilt)) out.addIndexes.push(addSearchStep(t, words));

  // 1. Removed fields go to the trash (renamed out of the way, so their key is free again).
  for (const f of old.fields) {
    if (newById.has(f.id)) continue;
    out.columnSteps.push({
      op: "drop_column",
      table: t.key,
      column: f.key,
      fieldId: f.id,
      tableId: t.id,
      trashName: trashColumnName(v, f.id),
      definition: f.def,
      destructive: true,
      description: say("removeField", { field: q(f.label), table: q(t.pluralLabel) }),
    });
  }
  // 2. Renames.
  const renames = t.fields
    .map((f) => ({ f, of: oldById.get(f.id) }))
    .filter((x): x is { f: CompiledField; of: CompiledField } => !!x.of && x.of.key !== x.f.key)
    .map(({ f, of }) => ({ from: of.key, to: f.key, id: f.id, label: f.label }));
  const occupied = new Set(old.fields.filter((f) => newById.has(f.id)).map((f) => f.key));
  for (const { from, to, r } of orderRenames(renames, occupied, (r) => tempColumnName(v, r.id) + "r")) {
    out.columnSteps.push({
      op: "rename_column",
      table: t.key,
      from,
      to,
      fieldId: r.id,
      destructive: false,
      description: say("renameKey", { field: q(r.label), table: q(t.pluralLabel), from: r.from, to: r.to }),
    });
  }
  // 3. New fields.
  for (const f of t.fields) {
    if (oldById.has(f.id)) continue;
    out.columnSteps.push({
      op: "add_column",
      table: t.key,
      column: { name: f.key, spec: f.column },
      fieldId: f.id,
      destructive: false,
      description: say("addField", { field: q(f.label), kind: kindLabel(f.kind, words), table: q(t.pluralLabel) }),
    });
  }
  // 4. Kind or column changes: build the new column beside the old one, convert every value,
  //    move the old column to the trash, then give the new one its name.
  for (const f of t.fields) {
    const of = oldById.get(f.id);
    if (!of || (of.kind === f.kind && sameColumn(of.column, f.column))) continue;
    const temp = tempColumnName(v, f.id);
    const lossless = of.kind === f.kind && isWidening(of.column, f.column);
    // A new column of the same kind is new storage; another kind says from which to which.
    const what = of.kind === f.kind ? "Storage" : "Kind";
    const names = { field: q(f.label), table: q(t.pluralLabel), from: kindLabel(of.kind, words), to: kindLabel(f.kind, words) };
    const converted = say(`convert${what}`, names);
    out.columnSteps.push(
      {
        op: "add_column",
        table: t.key,
        column: { name: temp, spec: f.column },
        fieldId: f.id,
        destructive: false,
        description: say(`prepare${what}`, names),
      },
      {
        op: "convert_column",
        table: t.key,
        original: { table: old.key, column: of.key },
        from: f.key,
        to: temp,
        fieldId: f.id,
        fromField: of.def,
        toField: f.def,
        destructive: !lossless,
        description: lossless ? converted : say("lossy", { step: converted }),
      },
      {
        op: "drop_column",
        table: t.key,
        column: f.key,
        fieldId: f.id,
        tableId: t.id,
        trashName: trashColumnName(v, f.id),
        definition: of.def,
        destructive: !lossless,
        description: say("keepOld", names),
      },
      {
        op: "rename_column",
        table: t.key,
        from: temp,
        to: f.key,
        fieldId: f.id,
        destructive: false,
        description: say(`switch${what}`, names),
      },
    );
  }
  // 5. Indexes that are new, or were dropped because their column was rebuilt.
  for (const ix of t.indexes) {
    if (oldIndexNames.has(ix.name) && !droppedIndexNames.has(ix.name)) continue;
    out.addIndexes.push(addIndexStep(t, ix.name, ix.columns, ix.unique, words));
  }
  // 6. Formulas whose expression changed, or are new on a table that has records.
  const changedFormulas = t.fields.filter((f) => {
    const sig = formulaSignature(f);
    if (sig === null) return false;
    const of = oldById.get(f.id);
    return !of || formulaSignature(of) !== sig;
  });
  if (changedFormulas.length > 0) {
    out.recomputes.push({
      op: "recompute",
      table: t.key,
      fields: changedFormulas.map((f) => f.key),
      destructive: false,
      description: say("recompute", { fields: changedFormulas.map((f) => q(f.label)).join(", "), table: q(t.pluralLabel) }),
    });
  }
}

export type { CompiledSchema };
