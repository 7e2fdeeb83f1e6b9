import fc from "fast-check";
import {
  FIELD_KEY_POOL,
  fieldDef,
  fieldShapeArb,
  INTEGER_TEXT_KINDS,
  MODEL_KINDS,
  TABLE_KEY_POOL,
  takesLength,
  type FieldModel,
  type FieldShape,
  type ModelKind,
  type TableModel,
  type WorkspaceModel,
} from "./workspace-model";

/** What one random edit did, counted, so a test can show that every kind of edit is generated. */
export interface EditSummary {
  removedTables: number;
  renamedTables: number;
  retitledTables: number;
  removedFields: number;
  renamedFields: number;
  addedFields: number;
  /** New fields that took the key of a field removed in the same edit, with another kind. */
  reusedKeys: number;
  relabelledFields: number;
  widenedFields: number;
  /** Text fields holding whole numbers turned into integers (same x-id). */
  convertedFields: number;
  reorderedTables: number;
}

export interface SchemaEdit {
  next: WorkspaceModel;
  summary: EditSummary;
}

type FieldAction =
  { type: "keep" } | { type: "remove" } | { type: "relabel"; title: string } | { type: "widen"; to: number } | { type: "convert" };

const LABELS = ["Renamed", "Customer’s code", "O'Reilly & Co", "Ticket 🎫"];

function fieldActionArb(field: FieldModel): fc.Arbitrary<FieldAction> {
  const options: fc.WeightedArbitrary<FieldAction>[] = [
    { arbitrary: fc.constant({ type: "keep" } as const), weight: 2 },
    { arbitrary: fc.constant({ type: "remove" } as const), weight: 1 },
    { arbitrary: fc.constantFrom(...LABELS).map((title) => ({ type: "relabel", title }) as const), weight: 1 },
  ];
  // The rarer edits get more weight where they apply, so a dozen runs still meet them.
  const max = field.def.maxLength;
  const wider = [80, 255, 5000].filter((n) => max !== undefined && n > max && takesLength(field.def["x-kind"], n));
  if (wider.length > 0) options.push({ arbitrary: fc.constantFrom(...wider).map((to) => ({ type: "widen", to }) as const), weight: 3 });
  if (field.integerLikeText) options.push({ arbitrary: fc.constant({ type: "convert" } as const), weight: 4 });
  return fc.oneof(...options);
}

interface TableEditMaterial {
  remove: boolean;
  title: string | undefined;
  actions: FieldAction[];
  renameFields: boolean;
  keyOrder: string[];
  newFields: FieldShape[];
  reuseRemovedKey: boolean;
  reorder: "none" | "reverse" | "rotate";
}

function tableEditArb(t: TableModel): fc.Arbitrary<TableEditMaterial> {
  return fc.record({
    remove: fc.integer({ min: 0, max: 4 }).map((n) => n === 4),
    title: fc.option(fc.constantFrom(...LABELS), { nil: undefined }),
    actions: fc.tuple(...t.fields.map(fieldActionArb)),
    renameFields: fc.boolean(),
    keyOrder: fc.shuffledSubarray(FIELD_KEY_POOL, { minLength: FIELD_KEY_POOL.length, maxLength: FIELD_KEY_POOL.length }),
    newFields: fc.array(fieldShapeArb, { maxLength: 2 }),
    reuseRemovedKey: fc.boolean(),
    reorder: fc.constantFrom("none", "reverse", "rotate"),
  });
}

function otherKind(kind: ModelKind, than: string): ModelKind {
  return kind !== than ? kind : MODEL_KINDS[(MODEL_KINDS.indexOf(kind) + 1) % MODEL_KINDS.length];
}

/** A random valid edit of `base`; every field keeps its x-id when it survives, whatever its key. */
export function schemaEditArb(base: WorkspaceModel): fc.Arbitrary<SchemaEdit> {
  return fc
    .record({
      tables: fc.tuple(...base.tables.map(tableEditArb)),
      renameTables: fc.boolean(),
      tableKeyOrder: fc.shuffledSubarray(TABLE_KEY_POOL, { minLength: TABLE_KEY_POOL.length, maxLength: TABLE_KEY_POOL.length }),
    })
    .map(({ tables, renameTables, tableKeyOrder }) => deriveEdit(base, tables, renameTables, tableKeyOrder));
}

/** Every count of an edit summary at zero. */
export function emptyEditSummary(): EditSummary {
  return {
    removedTables: 0,
    renamedTables: 0,
    retitledTables: 0,
    removedFields: 0,
    renamedFields: 0,
    addedFields: 0,
    reusedKeys: 0,
    relabelledFields: 0,
    widenedFields: 0,
    convertedFields: 0,
    reorderedTables: 0,
  };
}

function deriveEdit(base: WorkspaceModel, material: TableEditMaterial[], renameTables: boolean, tableKeyOrder: string[]): SchemaEdit {
  const summary = emptyEditSummary();
  // At least one table stays.
  const removeTable = material.map((m) => m.remove);
  if (removeTable.every(Boolean)) removeTable[0] = false;
  const kept = base.tables.map((t, i) => ({ t, m: material[i] })).filter((_, i) => !removeTable[i]);
  summary.removedTables = base.tables.length - kept.length;

  const tables: TableModel[] = kept.map(({ t, m }, ti) => {
    const key = renameTables ? tableKeyOrder[ti] : t.key;
    if (key !== t.key) summary.renamedTables++;
    if (m.title !== undefined) summary.retitledTables++;
    return { key, id: t.id, ...(m.title !== undefined ? { title: m.title } : {}), fields: editFields(t, m, summary) };
  });
  return { next: { tables }, summary };
}

function editFields(t: TableModel, m: TableEditMaterial, summary: EditSummary): FieldModel[] {
  const actions: FieldAction[] = [...m.actions];
  // A table keeps at least one field.
  if (m.newFields.length === 0 && !actions.some((a) => a.type !== "remove")) actions[0] = { type: "keep" };
  const removed = t.fields.filter((_, i) => actions[i].type === "remove");
  summary.removedFields += removed.length;

  const survivors: FieldModel[] = [];
  t.fields.forEach((f, i) => {
    const action = actions[i];
    if (action.type === "remove") return;
    let def = structuredClone(f.def);
    let integerLikeText = f.integerLikeText;
    if (action.type === "relabel") {
      def.title = action.title;
      summary.relabelledFields++;
    } else if (action.type === "widen") {
      def.maxLength = action.to;
      summary.widenedFields++;
    } else if (action.type === "convert") {
      def = fieldDef("integer", def["x-id"], { indexed: def["x-indexed"] === true, title: def.title });
      integerLikeText = undefined;
      summary.convertedFields++;
    }
    survivors.push({ key: f.key, def, ...(integerLikeText ? { integerLikeText } : {}) });
  });

  if (m.renameFields)
    survivors.forEach((f, i) => {
      if (f.key !== m.keyOrder[i]) summary.renamedFields++;
      f.key = m.keyOrder[i];
    });

  const used = new Set(survivors.map((f) => f.key));
  const added: FieldModel[] = m.newFields.map((shape, i) => {
    const id = `f_${t.id}_n${i}`;
    let kind = shape.kind;
    let key: string;
    const reusable = i === 0 && m.reuseRemovedKey ? removed.find((r) => !used.has(r.key)) : undefined;
    if (reusable) {
      key = reusable.key;
      kind = otherKind(kind, reusable.def["x-kind"]);
      summary.reusedKeys++;
    } else key = m.keyOrder.find((k) => !used.has(k)) as string;
    used.add(key);
    summary.addedFields++;
    const integerLikeText = INTEGER_TEXT_KINDS.has(kind) && shape.integerLikeText;
    const maxLength = shape.maxLength !== undefined && takesLength(kind, shape.maxLength) ? shape.maxLength : undefined;
    return {
      key,
      def: fieldDef(kind, id, { maxLength, indexed: shape.indexed }),
      ...(integerLikeText ? { integerLikeText } : {}),
    };
  });

  const all = [...survivors, ...added];
  if (m.reorder !== "none" && all.length > 1) summary.reorderedTables++;
  if (m.reorder === "reverse") all.reverse();
  if (m.reorder === "rotate") all.push(all.shift() as FieldModel);
  return all;
}
