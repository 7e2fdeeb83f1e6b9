import type { Words } from "@runtime/i18n/words";
import type { FieldKind, NavigationGroup, WorkspaceSchema } from "@runtime/schema/types";
import type { FieldOptions } from "./field-definition";
import {
  addField,
  changeFieldKind,
  moveField,
  setFieldLabel,
  setFieldOptions,
  setRequired,
  type FieldLabels,
  type NewField,
} from "./field-operations";
import { addIndex, removeIndex } from "./index-operations";
import { removeField } from "./remove-field";
import { renameFieldKey } from "./rename-field-key";
import { addTable, removeTable, reorderTables, setGroup, setTableLabels, type NewTable, type TableLabels } from "./table-operations";
import { setTranslations, type NodeWords } from "./translations";
import { english, kindName, quoted } from "./words";

/**
 * One edit of the designer, as data. The draft is the list of these on top of a base version:
 * kept in sessionStorage as is, and replayed on a newer schema when another admin got there first.
 */
export type DraftOp =
  | { op: "addTable"; args: Omit<NewTable, "reservedIds"> }
  | { op: "setTableLabels"; table: string; labels: TableLabels }
  | { op: "removeTable"; table: string }
  | { op: "reorderTables"; order: string[] }
  | { op: "setGroup"; table: string; group: string | NavigationGroup | null }
  | { op: "addField"; table: string; args: Omit<NewField, "reservedIds"> }
  | { op: "setFieldLabel"; table: string; field: string; labels: FieldLabels }
  | { op: "setFieldOptions"; table: string; field: string; options: FieldOptions }
  | { op: "moveField"; table: string; field: string; toIndex: number }
  | { op: "changeFieldKind"; table: string; field: string; kind: FieldKind; options?: FieldOptions }
  | { op: "setRequired"; table: string; field: string; required: boolean }
  | { op: "renameFieldKey"; table: string; field: string; newKey: string }
  | { op: "removeField"; table: string; field: string; cascade?: boolean }
  | { op: "addIndex"; table: string; fields: string[]; unique?: boolean }
  | { op: "removeIndex"; table: string; index: string }
  | { op: "setTranslations"; table: string; field?: string; language: string; words: NodeWords };

export interface Draft {
  /** The schema version the edits started from; the apply is refused (409) once it is stale. */
  baseVersion: number;
  ops: DraftOp[];
}

/** Applies one edit with the pure operation it names; throws that operation's message when it cannot. */
export function applyDraftOp(schema: WorkspaceSchema, op: DraftOp): WorkspaceSchema {
  switch (op.op) {
    case "addTable":
      return addTable(schema, op.args);
    case "setTableLabels":
      return setTableLabels(schema, op.table, op.labels);
    case "removeTable":
      return removeTable(schema, op.table);
    case "reorderTables": {
      // Tables added meanwhile (by a rebase) keep their place after the ones this edit ordered.
      const keys = Object.keys(schema.$defs);
      const order = op.order.filter((k) => keys.includes(k));
      return reorderTables(schema, [...order, ...keys.filter((k) => !order.includes(k))]);
    }
    case "setGroup":
      return setGroup(schema, op.table, op.group);
    case "addField":
      return addField(schema, op.table, op.args);
    case "setFieldLabel":
      return setFieldLabel(schema, op.table, op.field, op.labels);
    case "setTranslations":
      return setTranslations(schema, { table: op.table, field: op.field }, op.language, op.words);
    case "setFieldOptions":
      return setFieldOptions(schema, op.table, op.field, op.options);
    case "moveField": {
      // On a rebased schema the table may have fewer or more fields than when the move was made.
      const count = Object.keys(schema.$defs[op.table]?.properties ?? {}).length;
      return moveField(schema, op.table, op.field, Math.max(0, Math.min(op.toIndex, count - 1)));
    }
    case "changeFieldKind":
      return changeFieldKind(schema, op.table, op.field, op.kind, op.options);
    case "setRequired":
      return setRequired(schema, op.table, op.field, op.required);
    case "renameFieldKey":
      return renameFieldKey(schema, op.table, op.field, op.newKey);
    case "removeField":
      return removeField(schema, op.table, op.field, { cascade: op.cascade });
    case "addIndex":
      return addIndex(schema, op.table, op.fields, { unique: op.unique });
    case "removeIndex":
      return removeIndex(schema, op.table, op.index);
  }
}

export interface ReplayResult {
  schema: WorkspaceSchema;
  /** The edits that were applied, in order. */
  applied: DraftOp[];
  /** The edits the schema no longer allows (a field removed by someone else…), with why (and what was thrown, to say it again). */
  dropped: { op: DraftOp; error: string; thrown: unknown }[];
}

/**
 * The draft schema: every edit applied in order on `base`. An edit that no longer applies is
 * skipped and reported instead of failing the whole draft; this is the rebase onto a newer version.
 */
export function replayDraft(base: WorkspaceSchema, ops: DraftOp[]): ReplayResult {
  let schema = base;
  const applied: DraftOp[] = [];
  const dropped: ReplayResult["dropped"] = [];
  for (const op of ops) {
    try {
      schema = applyDraftOp(schema, op);
      applied.push(op);
    } catch (error) {
      dropped.push({ op, error: error instanceof Error ? error.message : String(error), thrown: error });
    }
  }
  return { schema, applied, dropped };
}

const tableName = (schema: WorkspaceSchema, key: string, t: Words) => {
  const table = Object.hasOwn(schema.$defs, key) ? schema.$defs[key] : undefined;
  return quoted(table?.["x-plural"] ?? table?.title ?? key, t);
};
const fieldName = (schema: WorkspaceSchema, table: string, key: string, t: Words) => {
  const f =
    Object.hasOwn(schema.$defs, table) && Object.hasOwn(schema.$defs[table].properties, key)
      ? schema.$defs[table].properties[key]
      : undefined;
  return quoted(f?.title ?? key, t);
};

/** The edit in plain words, for the list of pending edits; `schema` is the one the edit applies to. */
export function describeDraftOp(schema: WorkspaceSchema, op: DraftOp, t: Words = english): string {
  const say = (key: string, values: Record<string, unknown> = {}) => t(`schemaDesigner.edit.${key}`, values);
  const table = "table" in op ? tableName(schema, op.table, t) : "";
  const field = (key: string) => ("table" in op ? fieldName(schema, op.table, key, t) : key);
  switch (op.op) {
    case "addTable":
      return say("addTable", { table: quoted(op.args.plural ?? op.args.title, t), key: op.args.key });
    case "setTableLabels": {
      const title = op.labels.title ? quoted(op.labels.title, t) : null;
      const plural = op.labels.plural ? quoted(op.labels.plural, t) : null;
      const which = title && plural ? "renameTableToBoth" : title ? "renameTableTo" : plural ? "renameTablePlural" : "renameTable";
      return say(which, { table, title, plural });
    }
    case "removeTable":
      return say("removeTable", { table });
    case "reorderTables":
      return say("reorderTables");
    case "setGroup":
      return op.group === null
        ? say("ungroup", { table })
        : say("setGroup", {
            table,
            group: quoted(
              typeof op.group === "string"
                ? ((schema["x-groups"] ?? []).find((g) => g.key === op.group)?.title ?? op.group)
                : op.group.title,
              t,
            ),
          });
    case "addField":
      return say("addField", { field: quoted(op.args.title ?? op.args.key, t), kind: kindName(op.args.kind, t), table });
    case "setFieldLabel":
      return op.labels.title !== undefined
        ? say("renameField", { field: field(op.field), table, title: quoted(op.labels.title ?? op.field, t) })
        : say("setHelp", { field: field(op.field), table });
    case "setFieldOptions":
      return say("setOptions", { field: field(op.field), table });
    case "moveField":
      return say("moveField", { field: field(op.field), position: op.toIndex + 1, table });
    case "changeFieldKind":
      return say("changeKind", { field: field(op.field), table, kind: kindName(op.kind, t) });
    case "setRequired":
      return say(op.required ? "makeRequired" : "makeOptional", { field: field(op.field), table });
    case "renameFieldKey":
      return say("renameKey", { field: field(op.field), table, from: op.field, to: op.newKey });
    case "removeField":
      return say("removeField", { field: field(op.field), table });
    case "addIndex":
      return say("addIndex", { table, fields: op.fields.map(field).join(", ") });
    case "removeIndex":
      return say("removeIndex", { index: op.index, table });
    case "setTranslations":
      return op.field
        ? say("translateField", { field: field(op.field), table, language: op.language })
        : say("translateTable", { table, language: op.language });
  }
}

/** The edits with the schema each applies to, so their descriptions use the labels of that moment. */
export function describeDraft(base: WorkspaceSchema, ops: DraftOp[], t: Words = english): string[] {
  const out: string[] = [];
  let schema = base;
  for (const op of ops) {
    out.push(describeDraftOp(schema, op, t));
    try {
      schema = applyDraftOp(schema, op);
    } catch {
      // A failing edit is reported by replayDraft; its description still reads fine.
    }
  }
  return out;
}

const DRAFT_OPS = new Set<DraftOp["op"]>([
  "addTable",
  "setTableLabels",
  "removeTable",
  "reorderTables",
  "setGroup",
  "addField",
  "setFieldLabel",
  "setFieldOptions",
  "moveField",
  "changeFieldKind",
  "setRequired",
  "renameFieldKey",
  "removeField",
  "addIndex",
  "removeIndex",
]);

/** A draft read back from sessionStorage, or null when it is missing or not one of ours. */
export function parseStoredDraft(text: string | null): Draft | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<Draft>;
    if (!Number.isInteger(value.baseVersion) || !Array.isArray(value.ops)) return null;
    if (!value.ops.every((op) => typeof op === "object" && op !== null && DRAFT_OPS.has((op as DraftOp).op))) return null;
    return { baseVersion: value.baseVersion as number, ops: value.ops };
  } catch {
    return null;
  }
}
