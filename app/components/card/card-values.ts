import type { Words } from "@runtime/i18n/translator";
import { say, type Phrase } from "@runtime/i18n/words";
import { asResult, type FormDataResult } from "@runtime/fields/ui/form-values";
import { fieldKinds } from "@runtime/fields/registry";
import { fieldUis } from "@runtime/fields/ui-registry";
import { computeFormulas } from "@runtime/records/compute";
import { validateValues, type FieldErrors } from "@runtime/records/validation";
import type { CompiledField, CompiledSchema, CompiledTable, RelatedList } from "@runtime/schema/compile";
import { isLinePosition, isRelation } from "@runtime/fields/structure";

/**
 * The card's values as the form holds them, and the one conversion between posted form fields and
 * the JSON the records service takes. Pure: the action and the browser share it.
 */
export type Line = Record<string, unknown>;
export type Lines = Record<string, Line[]>;

/** Hidden form fields that say what the form carried, so an unchecked box still means "No". */
export const FORM_KEYS = {
  fields: "_fields",
  list: "_list",
  version: "_version",
  intent: "_intent",
  theirVersion: "_theirVersion",
} as const;

export function compositionLists(table: CompiledTable): RelatedList[] {
  return table.lists.filter((l) => l.composition);
}

/** Fields staff type into on a line: not the parent link, not its position (the order of rows is). */
export function lineFields(schema: CompiledSchema, list: RelatedList): CompiledField[] {
  const child = schema.tablesByKey.get(list.table);
  if (!child) return [];
  return child.fields.filter((f) => f.key !== list.field && !isPositionField(f));
}

export function isPositionField(field: CompiledField): boolean {
  return isLinePosition(field);
}

export function isComputed(field: CompiledField): boolean {
  return fieldKinds[field.kind].readOnly;
}

/** One field's posted strings as its widget meant them (a public form reads its fields with it too). */
export function parseField(field: CompiledField, values: string[]): FormDataResult {
  const ui = fieldUis[field.kind];
  if (ui?.fromFormData) return ui.fromFormData(values, field);
  const present = values.filter((v) => v !== "");
  if (present.length === 0) return { ok: true, value: null };
  return asResult(fieldKinds[field.kind].parseText(present[0], field.def));
}

/** A refused value's problem in the reader's words where the kind gave its phrase. */
const problemOf = (parsed: { error: string; words?: Phrase }, t?: Words) => (t && parsed.words ? say(parsed.words, t) : parsed.error);

export interface ParsedCard {
  values: Record<string, unknown>;
  lists: Lines;
  /** Text that could not be read as the field's kind, keyed like the server's 422. */
  errors: FieldErrors;
}

/**
 * Posted form fields → the record's JSON values and lines, exactly as each widget meant them;
 * what could not be read is said with `t` (English without it).
 */
export function parseCardForm(form: FormData, schema: CompiledSchema, table: CompiledTable, t?: Words): ParsedCard {
  const errors: FieldErrors = {};
  const values: Record<string, unknown> = {};
  const keys = String(form.get(FORM_KEYS.fields) ?? "")
    .split(",")
    .filter(Boolean);
  for (const key of keys) {
    const field = table.fieldsByKey.get(key);
    if (!field || isComputed(field)) continue;
    const parsed = parseField(field, form.getAll(key).map(String));
    if (parsed.ok) values[key] = parsed.value;
    else {
      values[key] = form.get(key);
      errors[key] = problemOf(parsed, t);
    }
  }
  const lists: Lines = {};
  for (const name of form.getAll(FORM_KEYS.list).map(String)) {
    const list = compositionLists(table).find((l) => l.name === name);
    if (!list) continue;
    const fields = lineFields(schema, list);
    const child = schema.tablesByKey.get(list.table)!;
    const indexes = new Set<number>();
    for (const key of form.keys()) {
      const m = new RegExp(`^${name}\\.(\\d+)\\.`).exec(key);
      if (m) indexes.add(Number(m[1]));
    }
    const lines: Line[] = [];
    for (const i of [...indexes].sort((a, b) => a - b)) {
      const line: Line = {};
      const id = Number(form.get(`${name}.${i}.id`));
      if (Number.isSafeInteger(id) && id > 0) line.id = id;
      for (const f of fields) {
        if (isComputed(f)) continue;
        const parsed = parseField(f, form.getAll(`${name}.${i}.${f.key}`).map(String));
        if (parsed.ok) line[f.key] = parsed.value;
        else {
          line[f.key] = form.get(`${name}.${i}.${f.key}`);
          const message = problemOf(parsed, t);
          errors[`${name}.${lines.length}.${f.key}`] = t
            ? t("validation.line", { n: lines.length + 1, message })
            : `Line ${lines.length + 1}: ${message}`;
        }
      }
      lines.push(line);
    }
    const position = child.fields.find(isPositionField);
    lists[name] = lines.filter((l) => l.id || !isBlankLine(l, fields)).map((l, i) => (position ? { ...l, [position.key]: i + 1 } : l));
  }
  return { values, lists, errors };
}

/** An input that always holds a value (a checkbox) says nothing about whether a line was typed into. */
function alwaysHoldsValue(field: CompiledField): boolean {
  return fieldKinds[field.kind].blankValue !== null;
}

/** Whether this value of a line's field leaves the line as nobody typed it. */
function untouched(field: CompiledField, value: unknown): boolean {
  return alwaysHoldsValue(field) || value === null || value === undefined || value === "";
}

/** A line nobody typed into (the spare row a card without JavaScript offers) is not saved. */
export function isBlankLine(line: Line, fields: CompiledField[]): boolean {
  return fields.every((f) => isComputed(f) || untouched(f, line[f.key]));
}

export function emptyLine(schema: CompiledSchema, list: RelatedList): Line {
  const line: Line = {};
  for (const f of lineFields(schema, list)) line[f.key] = f.def.default ?? fieldKinds[f.kind].blankValue;
  return line;
}

/** Lines and record with every formula recomputed, the same code the server stores with. */
export function computeCard(
  schema: CompiledSchema,
  table: CompiledTable,
  values: Record<string, unknown>,
  lines: Lines,
  otherLists: Lines = {},
): { values: Record<string, unknown>; lines: Lines } {
  const computedLines: Lines = {};
  for (const list of compositionLists(table)) {
    const child = schema.tablesByKey.get(list.table);
    computedLines[list.name] = (lines[list.name] ?? []).map((l) => (child ? computeFormulas(child, l, {}) : l));
  }
  return { values: computeFormulas(table, values, { ...otherLists, ...computedLines }), lines: computedLines };
}

/** What the server would answer with a 422, checked before the form leaves the browser. */
export function validateCard(
  schema: CompiledSchema,
  table: CompiledTable,
  values: Record<string, unknown>,
  lines: Lines,
  isNew: boolean,
  t?: Words,
): FieldErrors {
  const editable: Record<string, unknown> = {};
  for (const f of table.fields) if (!isComputed(f) && f.key in values) editable[f.key] = values[f.key];
  const errors: FieldErrors = { ...validateValues(schema, table, editable, isNew ? "create" : "update", undefined, t) };
  // An update checks what the form holds; a field it does not hold can only be missing, and a required one is said so.
  const required = new Set(table.fields.filter((f) => f.required).map((f) => f.key));
  if (!isNew) for (const k of Object.keys(errors)) if (!(k in values) && !required.has(k)) delete errors[k];
  for (const list of compositionLists(table)) {
    const child = schema.tablesByKey.get(list.table);
    if (!child) continue;
    (lines[list.name] ?? []).forEach((line, i) => {
      const own: Record<string, unknown> = {};
      for (const f of child.fields) if (!isComputed(f) && f.key !== list.field && f.key in line) own[f.key] = line[f.key];
      for (const [k, m] of Object.entries(validateValues(schema, child, own, "child", list.field, t)))
        errors[`${list.name}.${i}.${k}`] = t ? t("validation.line", { n: i + 1, message: m }) : `Line ${i + 1}: ${m}`;
    });
  }
  return errors;
}

export interface FieldDifference {
  key: string;
  label: string;
  theirs: unknown;
  yours: unknown;
  /** The field both values belong to (a line's field for line differences), for display. */
  field?: CompiledField;
  /** Titles of linked records when known (`_expanded`), so a relation shows a name, not an id. */
  theirsTitle?: string;
  yoursTitle?: string;
}

function refTitle(record: Record<string, unknown>, key: string, id: unknown): string | undefined {
  const ref = (record._expanded as Record<string, { id?: unknown; title?: string } | null> | undefined)?.[key];
  return ref && ref.id === id && ref.title ? ref.title : undefined;
}

/** Fields (and line cells) where the stored record and the user's input disagree, for the conflict panel. */
export function differingFields(
  schema: CompiledSchema,
  table: CompiledTable,
  theirs: Record<string, unknown>,
  yours: Record<string, unknown>,
  yourLines: Lines,
): FieldDifference[] {
  const out: FieldDifference[] = [];
  for (const f of table.fields) {
    if (isComputed(f) || !(f.key in yours)) continue;
    if (sameValue(theirs[f.key], yours[f.key])) continue;
    const titles = isRelation(f)
      ? { theirsTitle: refTitle(theirs, f.key, theirs[f.key]), yoursTitle: refTitle(yours, f.key, yours[f.key]) }
      : {};
    out.push({ key: f.key, label: f.label, theirs: theirs[f.key], yours: yours[f.key], field: f, ...titles });
  }
  for (const list of compositionLists(table)) {
    if (!(list.name in yourLines)) continue;
    out.push(
      ...differingLines(
        lineFields(schema, list).filter((f) => !isComputed(f)),
        list.name,
        asLines(theirs[list.name]),
        yourLines[list.name],
      ),
    );
  }
  return out;
}

function asLines(value: unknown): Line[] {
  return Array.isArray(value) ? (value as Line[]) : [];
}

/**
 * Lines matched by id (a line typed since opening has none): a changed cell is named by line number
 * and field, an added or removed line as a whole, so the user sees what overwriting would undo.
 */
function differingLines(fields: CompiledField[], listName: string, theirs: Line[], yours: Line[]): FieldDifference[] {
  const out: FieldDifference[] = [];
  const theirsById = new Map(theirs.filter((l) => typeof l.id === "number").map((l) => [l.id as number, l]));
  const yourIds = new Set(yours.map((l) => l.id).filter((id) => typeof id === "number"));
  const describe = (line: Line) =>
    fields
      .map((f) => line[f.key])
      .filter((v) => v !== null && v !== undefined && v !== "")
      .join(", ") || "(empty line)";
  yours.forEach((line, i) => {
    const other = typeof line.id === "number" ? theirsById.get(line.id) : undefined;
    if (!other) {
      if (fields.every((f) => untouched(f, line[f.key]))) return;
      out.push({
        key: `${listName}.${i}`,
        label: `Line ${i + 1}`,
        theirs: typeof line.id === "number" ? "(deleted)" : "(not there)",
        yours: describe(line),
      });
      return;
    }
    for (const f of fields)
      if (!sameValue(other[f.key], line[f.key]))
        out.push({
          key: `${listName}.${i}.${f.key}`,
          label: `Line ${i + 1} · ${f.label}`,
          theirs: other[f.key],
          yours: line[f.key],
          field: f,
        });
  });
  theirs.forEach((line, i) => {
    if (typeof line.id === "number" && !yourIds.has(line.id))
      out.push({ key: `${listName}.theirs.${line.id}`, label: `Their line ${i + 1}`, theirs: describe(line), yours: "(removed)" });
  });
  const sharedOrder = (ls: Line[]) =>
    ls
      .map((l) => l.id)
      .filter((id) => typeof id === "number" && theirsById.has(id) && yourIds.has(id))
      .join(",");
  if (sharedOrder(theirs) !== sharedOrder(yours))
    out.push({ key: `${listName}.order`, label: "Order of lines", theirs: "their order", yours: "your order" });
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === "" ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}
