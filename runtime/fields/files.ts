import type { FieldKind, FieldSchema } from "../schema/types";
import type { FieldKindDef, PrintFilter } from "./types";
import { defineFieldKind, fieldDefinitionSchema, isNullish, jsonFromDb, jsonToDb, PRESENCE_OPERATORS } from "./common";
import { refuse } from "./value-words";

/** A stored file as JSON: an id in the file store, the name it was uploaded with, bytes, MIME type. */
export interface FileValue {
  id: string;
  name: string;
  size: number;
  type: string;
}

/** A stored file's id: random 128-bit hex, so one file's URL reveals no other's. */
export const FILE_ID_PATTERN = "^[0-9a-f]{32}$";

/** Escapes only syntax characters: ajv compiles patterns with the `u` flag, which rejects `\-`. */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * `x-accept` (`image/*,application/pdf`) as a pattern on the MIME type. Extensions (`.pdf`) cannot
 * be checked against a MIME type, so an accept list naming one is left to the upload handler.
 */
export function acceptPattern(accept: string | undefined): string | undefined {
  if (accept === undefined) return undefined;
  const entries = accept
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  if (entries.length === 0 || entries.some((entry) => !/^[a-z0-9!#$&^_.+-]+\/(?:\*|[a-z0-9!#$&^_.+-]+)$/.test(entry))) {
    return undefined;
  }
  const alternatives = entries.map((entry) => (entry.endsWith("/*") ? `${escapeRegex(entry.slice(0, -1))}[^/]+` : escapeRegex(entry)));
  return `^(?:${alternatives.join("|")})$`;
}

function fileValueSchema(field: FieldSchema, defaultAccept: string | undefined): Record<string, unknown> {
  const accept = acceptPattern(field["x-accept"] ?? defaultAccept);
  return {
    type: "object",
    required: ["id", "name", "size", "type"],
    properties: {
      id: { type: "string", pattern: FILE_ID_PATTERN },
      name: { type: "string", minLength: 1, maxLength: 255 },
      size: { type: "integer", minimum: 0, ...(field["x-max-size"] !== undefined ? { maximum: field["x-max-size"] } : {}) },
      type: { type: "string", maxLength: 255, ...(accept !== undefined ? { pattern: accept } : {}) },
    },
    additionalProperties: false,
  };
}

function fileName(value: unknown): string {
  if (isNullish(value)) return "";
  return typeof value === "object" && typeof (value as Partial<FileValue>).name === "string" ? (value as FileValue).name : "";
}

/**
 * Everything file and image share; `defaultAccept` narrows an image to image MIME types, and an
 * image prints (the Logo and Signature blocks place it) where a file does not.
 */
export function fileLikeKind<K extends FieldKind>(
  kind: K,
  label: string,
  options: { defaultAccept?: string; printFilter: PrintFilter | null },
): FieldKindDef & { kind: K } {
  const defaultAccept = options.defaultAccept;
  return defineFieldKind({
    kind,
    label,
    jsonType: "object",
    definitionSchema: fieldDefinitionSchema(kind, {
      type: "object",
      indexable: false,
      properties: {
        "x-accept": { type: "string", minLength: 1, maxLength: 500 },
        "x-max-size": { type: "integer", minimum: 1 },
      },
    }),
    valueSchema: (field) => fileValueSchema(field, defaultAccept),
    column: () => ({ type: "json" }),
    toDb: (value) => jsonToDb(value),
    fromDb: (raw) => jsonFromDb(raw),
    filterOperators: PRESENCE_OPERATORS,
    sortable: false,
    searchable: false,
    readOnly: false,
    parseText: () => refuse("noFileText", { label }),
    formatText: fileName,
    formatDisplay: fileName,
    valueClass: "file",
    printFilter: options.printFilter,
    shortValue: false,
  });
}
