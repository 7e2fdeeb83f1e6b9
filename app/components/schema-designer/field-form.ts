import { fieldKinds } from "@runtime/fields/registry";
import { getFieldUi } from "@runtime/fields/ui-registry";
import type { SettingsPlace, SettingsText } from "@runtime/fields/ui-types";
import { keyFromLabel } from "@runtime/schema/key-from-label";
import type { FieldKind, FieldSchema, WorkspaceSchema } from "@runtime/schema/types";
import type { FieldOptions } from "@schema-designer/field-definition";
import { assertFreeFieldKey } from "@schema-designer/shared";
import { englishWords, sayError, type Words } from "@runtime/i18n/words";

/** What the field form says of what was typed, in English; the designer passes its reader's `t`. */
export const FIELD_FORM_ENGLISH: Readonly<Record<string, string>> = {
  "schemaDesigner.fieldForm.keyMissing": "Give the field a key: lowercase letters, digits and underscores",
  "schemaDesigner.fieldForm.precision": "Precision must be a whole number like 2; leave it empty for the default",
  "schemaDesigner.fieldForm.scale": "Digits after the point must be a whole number like 2; leave it empty for the default",
  "schemaDesigner.fieldForm.maxLength": "Maximum length must be a whole number like 2; leave it empty for the default",
  "schemaDesigner.fieldForm.currency": "Use a three-letter currency code such as EUR",
  "schemaDesigner.fieldForm.badDefault": "The default is not valid: {{error}}",
};
const english = englishWords(FIELD_FORM_ENGLISH);

/** The operations' messages start in lowercase, to read inside other sentences; alone they start with a capital. */
export const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What the field form holds: plain strings and booleans, as typed, so nothing is lost on a mistake. */
export interface FieldFormValues {
  kind: FieldKind;
  title: string;
  key: string;
  description: string;
  required: boolean;
  unique: boolean;
  indexed: boolean;
  searchable: boolean;
  /** The default as text, parsed by the kind's own import parser. */
  defaultText: string;
  precision: string;
  scale: string;
  currency: string;
  maxLength: string;
  /** The kind's own settings (a select's choices, a relation's target), by input name. */
  settings: SettingsText;
}

/** The smallest definition of a kind: what a new field's settings start from. */
function newDefinition(kind: FieldKind): FieldSchema {
  return { type: fieldKinds[kind].jsonType, "x-id": "new", "x-kind": kind };
}

export function emptyFieldForm(kind: FieldKind = "text"): FieldFormValues {
  return {
    kind,
    title: "",
    key: "",
    description: "",
    required: false,
    unique: false,
    indexed: false,
    searchable: false,
    defaultText: "",
    precision: "",
    scale: "",
    currency: "",
    maxLength: "",
    settings: getFieldUi(kind).settings.read(newDefinition(kind)),
  };
}

/** The form turned to another kind: what was typed stays, the new kind's own settings start where a new field's do. */
export function withKind(values: FieldFormValues, kind: FieldKind): FieldFormValues {
  return { ...values, kind, settings: { ...getFieldUi(kind).settings.read(newDefinition(kind)), ...values.settings } };
}

/** The options a kind's definition allows: the form shows exactly these. */
export function optionsAllowed(kind: FieldKind): Set<string> {
  return new Set(Object.keys((fieldKinds[kind].definitionSchema.properties ?? {}) as Record<string, unknown>));
}

/**
 * The key a new table gets from its labels: the plural names the table ("Opportunities" →
 * opportunities); without one, a plural is guessed from the name of one record.
 */
export function tableKeyFromLabels(title: string, plural: string): string {
  if (plural.trim()) return keyFromLabel(plural);
  const one = title.trim();
  if (!one) return "";
  if (/[^aeiou]y$/i.test(one)) return keyFromLabel(`${one.slice(0, -1)}ies`);
  if (/(s|x|z|ch|sh)$/i.test(one)) return keyFromLabel(`${one}es`);
  return keyFromLabel(`${one}s`);
}

/**
 * What is wrong with the key of a field about to be added, in the words of the schema operation,
 * so it shows beside the key input rather than as a message for the whole form.
 */
export function newFieldKeyProblem(schema: WorkspaceSchema, table: string, key: string, t?: Words): string | undefined {
  if (!key) return (t ?? english)("schemaDesigner.fieldForm.keyMissing");
  try {
    assertFreeFieldKey(schema.$defs[table], table, key);
    return undefined;
  } catch (error) {
    return sentence(t ? sayError(error, t) : (error as Error).message);
  }
}

const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/** The form for an existing field. */
export function formFromField(key: string, def: FieldSchema, required: boolean): FieldFormValues {
  const kind = def["x-kind"];
  return {
    ...emptyFieldForm(kind),
    title: def.title ?? "",
    key,
    description: def.description ?? "",
    required,
    unique: def["x-unique"] === true,
    indexed: def["x-indexed"] === true,
    searchable: def["x-searchable"] === true,
    defaultText: def.default === undefined ? "" : fieldKinds[kind].formatText(def.default, def),
    precision: str(def["x-precision"]),
    scale: str(def["x-scale"]),
    currency: def["x-currency"] ?? "",
    maxLength: str(def.maxLength),
    settings: getFieldUi(kind).settings.read(def),
  };
}

export type FormOutcome = { ok: true; options: FieldOptions } | { ok: false; errors: Record<string, string> };

function wholeNumber(text: string, problem: string, errors: Record<string, string>, name: string): number | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    errors[name] = problem;
    return undefined;
  }
  return n;
}

/**
 * The options for `addField` / `setFieldOptions` from what was typed; every option the kind does
 * not allow is left out, and an option cleared in the form is sent as undefined so it is removed.
 * Errors are keyed by the form's input names, so they show beside the input. `place` is where the
 * field sits: a formula is checked against the fields it may read.
 */
export function optionsFromForm(values: FieldFormValues, place: SettingsPlace, words?: Words): FormOutcome {
  const t = words ?? english;
  const allowed = optionsAllowed(values.kind);
  const errors: Record<string, string> = {};
  const o: Record<string, unknown> = {};
  const set = (name: string, value: unknown) => {
    if (allowed.has(name)) o[name] = value;
  };
  set("description", values.description.trim() || undefined);
  set("x-unique", values.unique || undefined);
  set("x-indexed", values.indexed || undefined);
  set("x-searchable", values.searchable || undefined);

  for (const [name, value] of Object.entries(getFieldUi(values.kind).settings.write(values.settings, place, errors, words)))
    set(name, value);
  if (allowed.has("x-precision"))
    set("x-precision", wholeNumber(values.precision, t("schemaDesigner.fieldForm.precision"), errors, "precision"));
  if (allowed.has("x-scale")) set("x-scale", wholeNumber(values.scale, t("schemaDesigner.fieldForm.scale"), errors, "scale"));
  if (allowed.has("maxLength"))
    set("maxLength", wholeNumber(values.maxLength, t("schemaDesigner.fieldForm.maxLength"), errors, "maxLength") || undefined);
  if (allowed.has("x-currency")) {
    const currency = values.currency.trim().toUpperCase();
    if (currency && !/^[A-Z]{3}$/.test(currency)) errors.currency = t("schemaDesigner.fieldForm.currency");
    set("x-currency", currency || undefined);
  }

  if (allowed.has("default")) {
    if (values.defaultText.trim() === "") o.default = undefined;
    else {
      // The kind's own parser needs the definition built so far (a select's choices, a scale).
      const probe = { type: fieldKinds[values.kind].jsonType, "x-id": "probe", "x-kind": values.kind, ...o } as FieldSchema;
      const parsed = fieldKinds[values.kind].parseText(values.defaultText, probe);
      if (parsed.ok) o.default = parsed.value ?? undefined;
      else errors.defaultText = t("schemaDesigner.fieldForm.badDefault", { error: parsed.error });
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, options: o as FieldOptions };
}
