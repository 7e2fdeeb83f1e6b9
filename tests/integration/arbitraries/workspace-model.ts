import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { fieldKinds } from "@runtime/fields/registry";
import { kindSamples } from "@runtime/fields/samples";
import { createTestAjv } from "@runtime/fields/test-ajv";
import type { FieldSchema, TableSchema, WorkspaceSchema } from "@runtime/schema/types";

/** The kinds the migration property covers: every kind with a plain stored column of its own. */
export const MODEL_KINDS = [
  "text",
  "longtext",
  "integer",
  "decimal",
  "money",
  "boolean",
  "date",
  "datetime",
  "email",
  "select",
  "multiselect",
] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** Key pools: small on purpose, so renames often land on a key another field had (swaps, reuse). */
export const TABLE_KEY_POOL = ["clients", "vendors", "projects", "tickets", "people"];
export const FIELD_KEY_POOL = [
  "name",
  "code",
  "city",
  "note",
  "amount",
  "price",
  "qty",
  "flag",
  "due",
  "seen_at",
  "mail",
  "tier",
  "tags",
  "score",
];

export interface FieldModel {
  key: string;
  def: FieldSchema;
  /** A text field whose records only ever hold whole numbers as text: it may become an integer. */
  integerLikeText?: boolean;
}

export interface TableModel {
  key: string;
  id: string;
  title?: string;
  fields: FieldModel[];
}

export interface WorkspaceModel {
  tables: TableModel[];
}

export function toSchema(model: WorkspaceModel): WorkspaceSchema {
  const $defs: Record<string, TableSchema> = {};
  for (const t of model.tables) {
    $defs[t.key] = {
      type: "object",
      "x-id": t.id,
      ...(t.title !== undefined ? { title: t.title } : {}),
      properties: Object.fromEntries(t.fields.map((f) => [f.key, structuredClone(f.def)])),
    };
  }
  return { $schema: "https://json-schema.org/draft/2020-12/schema", $defs };
}

/** What the model decides for itself: a field's look and rules, not the shape of its values. */
const MODEL_DECIDES: ReadonlySet<string> = new Set(["x-id", "title", "description", "default", "x-unique", "x-indexed", "x-searchable"]);

/**
 * A kind's first sample definition (its `samples.ts`) with only what shapes its values: the select's
 * options, the money's currency. A default is left out, so a value left out reads back as null.
 */
export function sampleDefinition(kind: ModelKind): Omit<FieldSchema, "x-id"> {
  const sample = Object.entries(kindSamples[kind].cases[0].field).filter(([keyword]) => !MODEL_DECIDES.has(keyword));
  return structuredClone(Object.fromEntries(sample)) as Omit<FieldSchema, "x-id">;
}

/** The bounds a kind's definition schema sets on `maxLength`, or undefined where it takes none. */
export function lengthBounds(kind: FieldSchema["x-kind"]): { minimum: number; maximum: number } | undefined {
  const keyword = (fieldKinds[kind].definitionSchema.properties as Record<string, { minimum?: number; maximum?: number }>).maxLength;
  return keyword && { minimum: keyword.minimum ?? 0, maximum: keyword.maximum ?? Number.MAX_SAFE_INTEGER };
}

/** Whether a definition of `kind` may say `maxLength: length`. */
export function takesLength(kind: FieldSchema["x-kind"], length: number): boolean {
  const bounds = lengthBounds(kind);
  return bounds !== undefined && length >= bounds.minimum && length <= bounds.maximum;
}

const INTEGER_TEXTS = ["-42", "0", String(Number.MAX_SAFE_INTEGER)];

/**
 * Kinds that can hold whole numbers written as text and give them back unchanged, so a field of
 * theirs may be converted into an integer without loss. Asked of the kind's own value schema and
 * storage, not of its name.
 */
export const INTEGER_TEXT_KINDS: ReadonlySet<ModelKind> = new Set(
  MODEL_KINDS.filter((kind) => {
    const def = { ...sampleDefinition(kind), "x-id": "f_probe" } as FieldSchema;
    const accepts = createTestAjv().compile(fieldKinds[kind].valueSchema(def));
    const keeps = (text: string) => isDeepStrictEqual(fieldKinds[kind].fromDb(fieldKinds[kind].toDb(text, def), def), text);
    return INTEGER_TEXTS.every((text) => accepts(text) && keeps(text));
  }),
);

/** Kinds whose column can carry a plain index, as their definition schema says. */
const indexable = (kind: ModelKind) => Object.hasOwn(fieldKinds[kind].definitionSchema.properties as object, "x-indexed");

/** A valid definition of `kind` with id `id`; `options` pick among the variants the model varies. */
export function fieldDef(
  kind: ModelKind,
  id: string,
  options: { maxLength?: number; indexed?: boolean; title?: string } = {},
): FieldSchema {
  return {
    ...sampleDefinition(kind),
    "x-id": id,
    ...(options.maxLength !== undefined ? { maxLength: options.maxLength } : {}),
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.indexed && indexable(kind) ? { "x-indexed": true } : {}),
  };
}

export const TEXT_LENGTHS = [20, 80] as const;

/** The shape of one field before it gets its id and key. */
export interface FieldShape {
  kind: ModelKind;
  maxLength?: number;
  indexed: boolean;
  integerLikeText: boolean;
}

const EDITABLE_KINDS = MODEL_KINDS.filter((kind) => lengthBounds(kind) !== undefined || INTEGER_TEXT_KINDS.has(kind));

export const fieldShapeArb: fc.Arbitrary<FieldShape> = fc
  .record({
    // Kinds that can be widened or turned into an integer are favoured: those edits are the rarer.
    kind: fc.oneof({ arbitrary: fc.constantFrom(...MODEL_KINDS), weight: 3 }, { arbitrary: fc.constantFrom(...EDITABLE_KINDS), weight: 1 }),
    maxLength: fc.option(fc.constantFrom(...TEXT_LENGTHS), { nil: undefined }),
    indexed: fc.boolean(),
    integerLikeText: fc.boolean(),
  })
  .map((s) => ({
    kind: s.kind,
    indexed: s.indexed,
    ...(s.maxLength !== undefined && takesLength(s.kind, s.maxLength) ? { maxLength: s.maxLength } : {}),
    integerLikeText: INTEGER_TEXT_KINDS.has(s.kind) && s.integerLikeText,
  }));

/** 1–3 tables of 1–6 fields, with unique ids everywhere and keys drawn from the pools. */
export const workspaceModelArb: fc.Arbitrary<WorkspaceModel> = fc
  .tuple(
    fc.shuffledSubarray(TABLE_KEY_POOL, { minLength: 1, maxLength: 3 }),
    fc.array(
      fc.tuple(
        fc.shuffledSubarray(FIELD_KEY_POOL, { minLength: 6, maxLength: 6 }),
        fc.array(fieldShapeArb, { minLength: 1, maxLength: 6 }),
      ),
      {
        minLength: 3,
        maxLength: 3,
      },
    ),
  )
  .map(([tableKeys, tableParts]) => ({
    tables: tableKeys.map((key, ti) => {
      const [keys, shapes] = tableParts[ti];
      return {
        key,
        id: `t_${ti}`,
        fields: shapes.map((s, fi) => ({
          key: keys[fi],
          def: fieldDef(s.kind, `f_${ti}_${fi}`, { maxLength: s.maxLength, indexed: s.indexed }),
          ...(s.integerLikeText ? { integerLikeText: true } : {}),
        })),
      };
    }),
  }));
