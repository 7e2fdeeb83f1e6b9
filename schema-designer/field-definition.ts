import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { fieldKinds, isFieldKind, valueKindOf } from "@runtime/fields/registry";
import { FIELD_KINDS, type FieldKind, type FieldSchema } from "@runtime/schema/types";

/** What the designer may set on a field; identity and storage type are the operations' business. */
export type FieldOptions = Partial<Omit<FieldSchema, "type" | "x-id" | "x-kind">>;

const IDENTITY_KEYS = ["type", "x-id", "x-kind"] as const;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map<FieldKind, ValidateFunction>();

function validatorFor(kind: FieldKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    validate = ajv.compile(fieldKinds[kind].definitionSchema);
    validators.set(kind, validate);
  }
  return validate;
}

export function assertKind(kind: string): asserts kind is FieldKind {
  if (!isFieldKind(kind)) throw new Error(`unknown field kind "${kind}"; use one of: ${FIELD_KINDS.join(", ")}`);
}

/** The JSON type a field declares: the kind's own, or for a formula the type of its result. */
export function jsonTypeOf(kind: FieldKind, options: FieldOptions): FieldSchema["type"] {
  return valueKindOf({ ...options, "x-kind": kind } as FieldSchema).jsonType;
}

/** Drops keys whose value is undefined, so `{ default: undefined }` means "no default". */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Assembles a field definition and checks it against its kind's `definitionSchema`, so a wrong
 * option is reported with the field's name and the option at fault.
 */
export function buildFieldDefinition(where: string, id: string, kind: FieldKind, options: FieldOptions): FieldSchema {
  for (const key of IDENTITY_KEYS)
    if (Object.hasOwn(options, key)) throw new Error(`${where}: "${key}" is set by the designer, not as an option; leave it out`);
  const clean = withoutUndefined(options);
  const def = { type: jsonTypeOf(kind, clean), "x-id": id, "x-kind": kind, ...clean } as FieldSchema;
  const validate = validatorFor(kind);
  if (!validate(def)) {
    const why = (validate.errors ?? []).map((e) => {
      const at = e.instancePath === "" ? "" : `${e.instancePath.slice(1)} `;
      if (e.keyword === "additionalProperties")
        return `option "${String((e.params as { additionalProperty?: string }).additionalProperty)}" does not apply to a ${kind} field`;
      if (e.keyword === "required")
        return `option "${String((e.params as { missingProperty?: string }).missingProperty)}" is required for a ${kind} field`;
      return `${at}${e.message ?? "is not valid"}`;
    });
    throw new Error(`${where}: ${[...new Set(why)].join("; ")}`);
  }
  return def;
}

/** Options of `def` that another kind's definition also allows: labels and flags survive a kind change. */
export function portableOptions(def: FieldSchema, kind: FieldKind): FieldOptions {
  const allowed = (fieldKinds[kind].definitionSchema.properties ?? {}) as Record<string, unknown>;
  const portable = ["title", "description", "x-indexed", "x-unique", "x-searchable"] as const;
  const out: Record<string, unknown> = {};
  for (const key of portable) if (def[key] !== undefined && Object.hasOwn(allowed, key)) out[key] = def[key];
  return out as FieldOptions;
}
