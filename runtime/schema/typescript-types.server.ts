/**
 * Turns a workspace schema into TypeScript: one interface per table (the record as the API returns
 * it) and an `…Input` type without the computed fields, through json-schema-to-typescript. Used by
 * bin/generate-types.ts (the committed runtime/generated/workspace-types.ts) and by the admin's
 * "download TypeScript types" of the live schema; only the banner differs.
 */
import type { JSONSchema } from "json-schema-to-typescript";
import { getFieldKind, valueClassOf } from "../fields/registry";
import { isAutonumber, isFormula, isRelation } from "../fields/structure";
import type { ValueClass } from "../fields/types";
import type { FieldSchema, TableSchema, WorkspaceSchema } from "./types";

/** Shape of a stored file or image value (see the file and image field kinds). */
const FILE_REF = `/** A stored file: what file and image fields hold. */
export interface FileRef {
  id: string;
  name: string;
  size: number;
  type: string;
}`;

/** TypeScript of a value whose JSON Schema says too little: a stored file is an object of a known shape. */
const TS_TYPES: Partial<Record<ValueClass, string>> = { file: "FileRef" };

/** `Product category` → `ProductCategory`; falls back to the table key when the title has no usable letters. */
export function typeNameOf(tableKey: string, table: TableSchema): string {
  const words = (source: string) =>
    source
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9]+/g, " ")
      .trim()
      .split(" ")
      .filter(Boolean)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  const fromTitle = words(table.title ?? "").join("");
  const name = /^[A-Z]/.test(fromTitle) ? fromTitle : words(tableKey).join("");
  return /^[A-Z]/.test(name) ? name : `T${name}`;
}

/** Values the server computes are left out of the `…Input` types. */
const computedByServer = (field: FieldSchema): boolean => getFieldKind(field["x-kind"]).readOnly;

function commentOf(key: string, field: FieldSchema): string {
  const parts = [field.title ?? key];
  if (field.description) parts.push(field.description);
  if (isRelation(field)) parts.push(`Id of a record in \`${field["x-target"]}\`.`);
  if (isFormula(field)) parts.push(`Computed by the server: \`${field["x-formula"]}\`.`);
  if (isAutonumber(field)) parts.push(`Assigned by the server: \`${field["x-pattern"]}\`.`);
  // A formula could contain "*/", which would end the doc comment early.
  return parts.join("\n\n").replace(/\*\//g, "*\\/");
}

/** Plain JSON Schema for one property, free of our `x-` keywords, which the compiler would not understand. */
function propertySchema(key: string, field: FieldSchema, required: boolean): JSONSchema {
  const description = commentOf(key, field);
  const nullable = !required;
  const tsType = TS_TYPES[valueClassOf(field)];
  if (tsType !== undefined) return { description, tsType: nullable ? `${tsType} | null` : tsType };
  if (field.enum) {
    return { description, enum: nullable ? [...field.enum, null] : [...field.enum] };
  }
  if (field.type === "array") {
    const items: JSONSchema = field.items?.enum ? { enum: [...field.items.enum] } : { type: "string" };
    return { description, type: nullable ? ["array", "null"] : "array", items };
  }
  if (field.type === "object") {
    return { description, tsType: nullable ? "Record<string, unknown> | null" : "Record<string, unknown>" };
  }
  return { description, type: nullable ? [field.type, "null"] : field.type };
}

function tableSchema(tableKey: string, table: TableSchema): JSONSchema {
  const required = new Set(table.required ?? []);
  const properties: Record<string, JSONSchema> = {};
  for (const [key, field] of Object.entries(table.properties)) {
    properties[key] = propertySchema(key, field, required.has(key));
  }
  const heading = `${table.title ?? tableKey} (table \`${tableKey}\`)`;
  return {
    type: "object",
    description: table.description ? `${heading}: ${table.description}` : heading,
    properties,
    required: [...required].filter((key) => key in table.properties),
    additionalProperties: false,
  };
}

/** The full text of the generated module for a workspace schema, after `banner` (a comment). */
export async function generateWorkspaceTypes(schema: WorkspaceSchema, banner: string): Promise<string> {
  // Loaded on first use: it is large, and only the types download and the CLI need it.
  const { compile } = await import("json-schema-to-typescript");
  const blocks: string[] = [banner, FILE_REF];
  const recordMap: string[] = [];
  const inputMap: string[] = [];
  const used = new Set<string>(["FileRef"]);
  for (const [tableKey, table] of Object.entries(schema.$defs)) {
    let base = typeNameOf(tableKey, table);
    // Two tables titled alike must still get distinct names.
    for (let n = 2; used.has(base); n++) base = `${typeNameOf(tableKey, table)}${n}`;
    used.add(base);
    const recordName = `${base}Record`;
    const inputName = `${base}Input`;
    const code = await compile(tableSchema(tableKey, table), recordName, {
      bannerComment: "",
      additionalProperties: false,
      strictIndexSignatures: true,
      unknownAny: true,
      declareExternallyReferenced: true,
      format: true,
    });
    blocks.push(code.trim());
    const computed = Object.entries(table.properties)
      .filter(([, field]) => computedByServer(field))
      .map(([key]) => JSON.stringify(key));
    blocks.push(
      `/** What an API caller may send for a ${table.title ?? tableKey}: the record without the fields the server computes. */\n` +
        (computed.length > 0
          ? `export type ${inputName} = Omit<${recordName}, ${computed.join(" | ")}>;`
          : `export type ${inputName} = ${recordName};`),
    );
    recordMap.push(`  ${tableKey}: ${recordName};`);
    inputMap.push(`  ${tableKey}: ${inputName};`);
  }
  blocks.push(`/** Every table's record type, by table key. */\nexport interface WorkspaceRecords {\n${recordMap.join("\n")}\n}`);
  blocks.push(`/** Every table's input type, by table key. */\nexport interface WorkspaceInputs {\n${inputMap.join("\n")}\n}`);
  blocks.push(`export type WorkspaceTableKey = keyof WorkspaceRecords;`);
  return blocks.join("\n\n") + "\n";
}
