import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { KEY_PATTERN } from "../fields/common";
import { fieldKinds } from "../fields/registry";
import type { FieldKindDef } from "../fields/types";
import type { FieldKind, SchemaProblem } from "./types";
import { DESCRIPTION_TEXT, translationsSchema } from "../i18n/translations-schema";

export const JSON_SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema";
export { KEY_PATTERN };

/** Caps that protect the server; checked again (first, and cheaply) by validateWorkspaceSchema. */
export const MAX_TABLES = 300;
export const MAX_FIELDS_PER_TABLE = 400;
export const MAX_INDEXES_PER_TABLE = 20;
export const MAX_FIELDS_PER_INDEX = 8;

const keySchema = { type: "string", pattern: KEY_PATTERN };
const label = { type: "string", maxLength: 200 };

/**
 * The JSON Schema every workspace schema must satisfy, assembled from the field-kind registry.
 * Fields are told apart by `x-kind` with ajv's `discriminator`, so a bad field yields the errors
 * of its own kind only, not one per kind as a bare `oneOf` would.
 */
export function buildWorkspaceMetaSchema(kinds: Record<FieldKind, FieldKindDef>): Record<string, unknown> {
  const kindNames = Object.keys(kinds) as FieldKind[];
  const fieldDefs = Object.fromEntries(kindNames.map((k) => [`field_${k}`, kinds[k].definitionSchema]));
  return {
    $schema: JSON_SCHEMA_DRAFT,
    $id: "urn:tessera:workspace-meta-schema",
    title: "Tessera workspace schema",
    type: "object",
    required: ["$schema", "$defs"],
    properties: {
      $schema: { const: JSON_SCHEMA_DRAFT },
      $id: { type: "string", maxLength: 500 },
      title: label,
      "x-translations": translationsSchema({ title: label }),
      "x-version": { type: "integer", minimum: 0 },
      "x-groups": { type: "array", maxItems: 100, items: { $ref: "#/$defs/group" } },
      $defs: {
        type: "object",
        maxProperties: MAX_TABLES,
        propertyNames: keySchema,
        additionalProperties: { $ref: "#/$defs/table" },
      },
    },
    additionalProperties: false,
    $defs: {
      group: {
        type: "object",
        required: ["key", "title"],
        properties: { key: keySchema, title: label, "x-translations": translationsSchema({ title: label }) },
        additionalProperties: false,
      },
      table: {
        type: "object",
        required: ["type", "x-id", "properties"],
        properties: {
          type: { const: "object" },
          "x-id": keySchema,
          title: label,
          "x-plural": label,
          description: { type: "string", maxLength: 2000 },
          "x-translations": translationsSchema({
            title: label,
            "x-plural": label,
            description: DESCRIPTION_TEXT,
            "x-lock-message": DESCRIPTION_TEXT,
          }),
          "x-group": keySchema,
          "x-order": { type: "number" },
          "x-title-field": { type: "string" },
          "x-owner-field": { type: "string" },
          "x-about": {
            type: "object",
            required: ["table", "id"],
            properties: { table: { type: "string" }, id: { type: "string" } },
            additionalProperties: false,
          },
          "x-single": { type: "boolean" },
          "x-assert": {
            type: "array",
            maxItems: 20,
            items: {
              type: "object",
              required: ["that", "message"],
              properties: { that: { type: "object" }, message: { type: "string", minLength: 1, maxLength: 500 } },
              additionalProperties: false,
            },
          },
          "x-lock": {
            type: "object",
            required: ["when", "fields"],
            properties: {
              when: { type: "object" },
              fields: { type: "array", minItems: 1, uniqueItems: true, items: { type: "string" } },
              stays: { type: "object" },
              message: { type: "string", maxLength: 500 },
            },
            additionalProperties: false,
          },
          "x-indexes": { type: "array", maxItems: MAX_INDEXES_PER_TABLE, items: { $ref: "#/$defs/index" } },
          properties: {
            type: "object",
            maxProperties: MAX_FIELDS_PER_TABLE,
            propertyNames: keySchema,
            additionalProperties: { $ref: "#/$defs/field" },
          },
          required: { type: "array", uniqueItems: true, items: { type: "string" } },
          additionalProperties: { const: false },
        },
        additionalProperties: false,
      },
      index: {
        type: "object",
        required: ["x-id", "fields"],
        properties: {
          "x-id": keySchema,
          fields: {
            type: "array",
            minItems: 1,
            maxItems: MAX_FIELDS_PER_INDEX,
            uniqueItems: true,
            items: { type: "string" },
          },
          unique: { type: "boolean" },
        },
        additionalProperties: false,
      },
      field: {
        type: "object",
        required: ["x-kind"],
        properties: { "x-kind": { enum: kindNames } },
        discriminator: { propertyName: "x-kind" },
        oneOf: kindNames.map((k) => ({ $ref: `#/$defs/field_${k}` })),
      },
      ...fieldDefs,
    },
  };
}

/**
 * Strict, so a typo in the meta-schema or a registry fragment fails at startup; no `$data` and no
 * schema loading, so nothing a document says can make ajv fetch or evaluate anything.
 */
export function compileWorkspaceMetaSchema(metaSchema: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    $data: false,
    discriminator: true,
    verbose: true,
    validateFormats: true,
  });
  addFormats(ajv);
  return ajv.compile(metaSchema);
}

export const workspaceMetaSchema: Record<string, unknown> = buildWorkspaceMetaSchema(fieldKinds);
let compiledMeta: ValidateFunction | undefined;
/**
 * The meta-schema's validator, compiled on first use: a third of a second that a CLI command or a
 * server start which never checks a schema does not pay. The meta-schema test compiles it.
 */
export function validateWorkspaceMeta(): ValidateFunction {
  return (compiledMeta ??= compileWorkspaceMetaSchema(workspaceMetaSchema));
}

/** Runs the meta-schema and says what is wrong in words an admin can act on. */
export function metaSchemaProblems(doc: unknown, validate: ValidateFunction = validateWorkspaceMeta()): SchemaProblem[] {
  if (validate(doc)) return [];
  const problems: SchemaProblem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = problemFromAjvError(error, doc);
    if (problem) problems.push(problem);
  }
  return problems;
}

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

const KEY_HINT = "use lowercase letters, digits and underscores, starting with a letter, at most 63 characters";

/** One problem per ajv error, or null for errors that only repeat another one. */
function problemFromAjvError(e: ErrorObject, doc: unknown): SchemaProblem | null {
  const params = e.params as Record<string, unknown>;
  const where = describeContainer(e.instancePath, e.keyword, doc);
  // ajv puts the key a `propertyNames` error is about on the error itself.
  const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
  switch (e.keyword) {
    // Says the same as the `enum`/`required` error on x-kind, or the inner error of a key.
    case "discriminator":
    case "propertyNames":
      return null;
    case "required": {
      const missing = String(params.missingProperty);
      return {
        path: `${e.instancePath}/${escapePointerSegment(missing)}`,
        message: `"${missing}" is missing; ${where} needs it`,
      };
    }
    case "additionalProperties": {
      const extra = String(params.additionalProperty);
      const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
      const allowed = Object.keys((parent.properties ?? {}) as Record<string, unknown>);
      return {
        path: `${e.instancePath}/${escapePointerSegment(extra)}`,
        message: `"${extra}" is not allowed on ${where}; remove it or use one of: ${allowed.join(", ")}`,
      };
    }
    case "const":
      return {
        path: e.instancePath,
        message: `must be ${JSON.stringify(params.allowedValue)}${where === "this value" ? "" : ` for ${where}`}`,
      };
    case "enum":
      return {
        path: e.instancePath,
        message: `${JSON.stringify(e.data)} is not allowed; use one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      };
    case "type":
      return { path: e.instancePath, message: `must be ${article(String(params.type))}, not ${describeType(e.data)}` };
    case "pattern": {
      // Keys of $defs and properties are reported by the semantic checks, with a better path.
      if (propertyName !== undefined && isKeyContainer(e.instancePath)) return null;
      const path = propertyName !== undefined ? `${e.instancePath}/${escapePointerSegment(propertyName)}` : e.instancePath;
      const hint = params.pattern === KEY_PATTERN ? KEY_HINT : `it must match ${String(params.pattern)}`;
      const value = propertyName ?? e.data;
      return { path, message: `${JSON.stringify(value)} is not valid: ${hint}` };
    }
    default: {
      const path = propertyName !== undefined ? `${e.instancePath}/${escapePointerSegment(propertyName)}` : e.instancePath;
      return { path, message: `${e.message ?? "is not valid"} (in ${where})` };
    }
  }
}

function isKeyContainer(path: string): boolean {
  return path === "/$defs" || /^\/\$defs\/[^/]+\/properties$/.test(path);
}

const FIELD_PATH = /^\/\$defs\/[^/]+\/properties\/[^/]+/;

/**
 * "a money field", "a table", … for the thing the error is about: the object itself for errors
 * about its keys, otherwise the object holding the bad value.
 */
function describeContainer(path: string, keyword: string, doc: unknown): string {
  const holder = keyword === "required" || keyword === "additionalProperties" ? path : path.replace(/\/[^/]*$/, "");
  const field = FIELD_PATH.exec(holder)?.[0];
  if (field !== undefined) {
    const kind = resolvePointer(doc, field)?.["x-kind"];
    return field === holder && typeof kind === "string" ? `${article(kind)} field` : "a field";
  }
  if (holder === "") return "the workspace schema";
  if (/^\/\$defs\/[^/]+$/.test(holder)) return "a table";
  if (/^\/\$defs\/[^/]+\/x-indexes\/\d+$/.test(holder)) return "an index";
  if (/^\/x-groups\/\d+$/.test(holder)) return "a navigation group";
  return "this value";
}

function resolvePointer(doc: unknown, path: string): Record<string, unknown> | undefined {
  let node: unknown = doc;
  for (const raw of path.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "object" && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
}

function article(word: string): string {
  return `${/^[aeiou]/.test(word) ? "an" : "a"} ${word}`;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return article(typeof value);
}
