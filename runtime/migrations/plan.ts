import { fieldKinds } from "../fields/registry";
import type { ColumnSpec } from "../fields/types";
import { compileSchema, shortHash, type CompiledField, type CompiledSchema, type CompiledTable } from "../schema/compile";
import type { FieldKind, WorkspaceSchema } from "../schema/types";
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

/** The kind as the schema designer names it (Choice, Link to record), not its key (select, relation). */
const kindLabel = (kind: FieldKind): string => fieldKinds[kind].label;

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

const q = (s: string) => `“${s}”`;

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
export function plan(oldSchema: WorkspaceSchema | null, newSchema: WorkspaceSchema): MigrationPlan {
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
    if (old.search) dropIndexes.push(dropSearchStep(old));
    dropTables.push({
      op: "drop_table",
      table: old.key,
      tableId: old.id,
      trashName: trashTableName(v, old.id),
      definition: old.def,
      destructive: true,
      description: `Remove table ${q(old.pluralLabel)}: its records go to the trash and can be restored`,
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
      description: `Rename table ${q(r.from)} to ${q(r.to)}${from !== r.from || to !== r.to ? " (in two moves, as the names cross)" : ""}`,
    }),
  );

  for (const t of after.tables) {
    const old = before.tablesById.get(t.id);
    if (!old) {
      createTables.push({
        op: "create_table",
        table: t.key,
        tableId: t.id,
        columns: t.fields.map((f) => ({ name: f.key, spec: f.column })),
        destructive: false,
        description: `Create table ${q(t.pluralLabel)} with ${t.fields.length} field${t.fields.length === 1 ? "" : "s"}`,
      });
      for (const ix of t.indexes) addIndexes.push(addIndexStep(t, ix.name, ix.columns, ix.unique));
      if (t.search) addIndexes.push(addSearchStep(t));
      continue;
    }
    planTableChanges(old, t, v, { dropIndexes, columnSteps, addIndexes, recomputes });
  }

  steps.push(...dropIndexes, ...dropTables, ...renameTableSteps, ...createTables, ...columnSteps, ...addIndexes, ...recomputes);
  return { fromVersion: v, steps };
}

function addSearchStep(t: CompiledTable): MigrationStep {
  const labels = t.search!.columns.map((c) => t.fieldsByKey.get(c)?.label ?? c);
  return {
    op: "add_search_index",
    table: t.key,
    name: t.search!.name,
    columns: t.search!.columns,
    destructive: false,
    description: `Build the quick-search index of ${q(t.pluralLabel)} over ${labels.map(q).join(", ")}`,
  };
}

function dropSearchStep(t: CompiledTable): MigrationStep {
  return {
    op: "drop_search_index",
    table: t.key,
    name: t.search!.name,
    columns: t.search!.columns,
    destructive: false,
    description: `Drop the quick-search index of ${q(t.pluralLabel)}`,
  };
}

function addIndexStep(t: CompiledTable, name: string, columns: string[], unique: boolean): MigrationStep {
  const labels = columns.map((c) => t.fieldsByKey.get(c)?.label ?? c);
  return {
    op: "add_index",
    table: t.key,
    name,
    columns,
    unique,
    destructive: false,
    description: `${unique ? "Enforce unique values of" : "Index"} ${labels.map(q).join(" + ")} in ${q(t.pluralLabel)}`,
  };
}

function planTableChanges(
  old: CompiledTable,
  t: CompiledTable,
  v: number,
  out: { dropIndexes: MigrationStep[]; columnSteps: MigrationStep[]; addIndexes: MigrationStep[]; recomputes: MigrationStep[] },
) {
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
        description: `Drop the ${ix.unique ? "unique " : ""}index on ${ix.columns.map(q).join(" + ")} in ${q(old.pluralLabel)}`,
      });
    }
  }

  // The search index goes first when its fields change (or one of them is rebuilt), and comes back last.
  const searchRebuilt = !!old.search && (!t.search || t.search.name !== old.search.name || old.search.columns.some((c) => rebuilt.has(c)));
  if (old.search && searchRebuilt) out.dropIndexes.push(dropSearchStep(old));
  if (t.search && (!old.search || searchRebuilt)) out.addIndexes.push(addSearchStep(t));

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
      description: `Remove field ${q(f.label)} from ${q(t.pluralLabel)}: its values go to the trash and can be restored`,
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
      description: `Rename the key of field ${q(r.label)} in ${q(t.pluralLabel)} from ${r.from} to ${r.to}; its values stay`,
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
      description: `Add field ${q(f.label)} (${kindLabel(f.kind)}) to ${q(t.pluralLabel)}`,
    });
  }
  // 4. Kind or column changes: build the new column beside the old one, convert every value,
  //    move the old column to the trash, then give the new one its name.
  for (const f of t.fields) {
    const of = oldById.get(f.id);
    if (!of || (of.kind === f.kind && sameColumn(of.column, f.column))) continue;
    const temp = tempColumnName(v, f.id);
    const lossless = of.kind === f.kind && isWidening(of.column, f.column);
    const what = of.kind === f.kind ? "storage" : `kind from ${kindLabel(of.kind)} to ${kindLabel(f.kind)}`;
    out.columnSteps.push(
      {
        op: "add_column",
        table: t.key,
        column: { name: temp, spec: f.column },
        fieldId: f.id,
        destructive: false,
        description: `Prepare the new ${what} of ${q(f.label)} in ${q(t.pluralLabel)}`,
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
        description: `Convert every value of ${q(f.label)} in ${q(t.pluralLabel)} (${what})${lossless ? "" : "; the old values are kept in the trash"}`,
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
        description: `Keep the old values of ${q(f.label)} in the trash`,
      },
      {
        op: "rename_column",
        table: t.key,
        from: temp,
        to: f.key,
        fieldId: f.id,
        destructive: false,
        description: `Switch ${q(f.label)} to its new ${what}`,
      },
    );
  }
  // 5. Indexes that are new, or were dropped because their column was rebuilt.
  for (const ix of t.indexes) {
    if (oldIndexNames.has(ix.name) && !droppedIndexNames.has(ix.name)) continue;
    out.addIndexes.push(addIndexStep(t, ix.name, ix.columns, ix.unique));
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
      description: `Recompute ${changedFormulas.map((f) => q(f.label)).join(", ")} for every record of ${q(t.pluralLabel)}`,
    });
  }
}

export type { CompiledSchema };
