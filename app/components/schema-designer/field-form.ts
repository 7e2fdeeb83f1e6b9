import { fieldKinds } from "@runtime/fields/registry";
import { checkFormula, formulaScopeFor } from "@runtime/formula/index";
import type { FieldKind, FieldSchema, FormulaResultKind, WorkspaceSchema } from "@runtime/schema/types";
import type { FieldOptions } from "@schema-designer/field-definition";
import { assertFreeFieldKey } from "@schema-designer/shared";

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
  /** One choice a line: `Label`, or `value = Label`. */
  choices: string;
  target: string;
  inverse: string;
  precision: string;
  scale: string;
  currency: string;
  pattern: string;
  formula: string;
  result: FormulaResultKind;
  maxLength: string;
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
    choices: "",
    target: "",
    inverse: "",
    precision: "",
    scale: "",
    currency: "",
    pattern: "",
    formula: "",
    result: "decimal",
    maxLength: "",
  };
}

/** The options a kind's definition allows: the form shows exactly these. */
export function optionsAllowed(kind: FieldKind): Set<string> {
  return new Set(Object.keys((fieldKinds[kind].definitionSchema.properties ?? {}) as Record<string, unknown>));
}

/** "Mobile phone" → "mobile_phone": a key proposal the admin may change. */
export function keyFromLabel(label: string): string {
  const key = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 63);
  return /^[a-z]/.test(key) ? key : key ? `f_${key}`.slice(0, 63) : "";
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
export function newFieldKeyProblem(schema: WorkspaceSchema, table: string, key: string): string | undefined {
  if (!key) return "Give the field a key: lowercase letters, digits and underscores";
  try {
    assertFreeFieldKey(schema.$defs[table], table, key);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    return message.charAt(0).toUpperCase() + message.slice(1);
  }
}

/**
 * A formula the checker rejects cannot join the draft; the live check already lists why, so the
 * error beside the input only says that it has to be fixed first.
 */
export function formulaProblem(values: FieldFormValues, schema: WorkspaceSchema, table: string): string | undefined {
  if (values.kind !== "formula" || !values.formula.trim()) return undefined;
  const errors = checkFormula(values.formula, formulaScopeFor(schema, table));
  if (errors.length === 0) return undefined;
  return `Fix the ${errors.length === 1 ? "problem" : `${errors.length} problems`} in the formula shown above first`;
}

export function parseChoices(text: string): { values: string[]; labels: Record<string, string> } {
  const values: string[] = [];
  const labels: Record<string, string> = {};
  for (const line of text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)) {
    const eq = line.indexOf("=");
    const value = (eq > 0 ? line.slice(0, eq) : keyFromLabel(line) || line).trim();
    const label = (eq > 0 ? line.slice(eq + 1) : line).trim();
    if (values.includes(value)) continue;
    values.push(value);
    if (label && label !== value) labels[value] = label;
  }
  return { values, labels };
}

export function formatChoices(values: string[] = [], labels: Record<string, string> = {}): string {
  return values.map((v) => (labels[v] && keyFromLabel(labels[v]) !== v ? `${v} = ${labels[v]}` : (labels[v] ?? v))).join("\n");
}

const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/** The form for an existing field. */
export function formFromField(key: string, def: FieldSchema, required: boolean): FieldFormValues {
  const kind = def["x-kind"];
  const choiceValues = kind === "multiselect" ? def.items?.enum : def.enum;
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
    choices: formatChoices(choiceValues, def["x-labels"]),
    target: def["x-target"] ?? "",
    inverse: def["x-inverse"] ?? "",
    precision: str(def["x-precision"]),
    scale: str(def["x-scale"]),
    currency: def["x-currency"] ?? "",
    pattern: def["x-pattern"] ?? "",
    formula: def["x-formula"] ?? "",
    result: def["x-result"] ?? "decimal",
    maxLength: str(def.maxLength),
  };
}

export type FormOutcome = { ok: true; options: FieldOptions } | { ok: false; errors: Record<string, string> };

function wholeNumber(text: string, what: string, errors: Record<string, string>, name: string): number | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    errors[name] = `${what} must be a whole number like 2; leave it empty for the default`;
    return undefined;
  }
  return n;
}

/**
 * The options for `addField` / `setFieldOptions` from what was typed; every option the kind does
 * not allow is left out, and an option cleared in the form is sent as undefined so it is removed.
 * Errors are keyed by the form's input names, so they show beside the input.
 */
export function optionsFromForm(values: FieldFormValues): FormOutcome {
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

  if (values.kind === "select" || values.kind === "multiselect") {
    const { values: choices, labels } = parseChoices(values.choices);
    if (choices.length === 0) errors.choices = "Add at least one choice, one per line (e.g. North)";
    if (values.kind === "select") set("enum", choices);
    else {
      set("items", { type: "string", enum: choices });
      set("uniqueItems", true);
    }
    set("x-labels", Object.keys(labels).length ? labels : undefined);
  }
  if (values.kind === "relation") {
    if (!values.target) errors.target = "Pick the table this field links to";
    set("x-target", values.target || undefined);
    set("x-inverse", values.inverse.trim() || undefined);
  }
  if (values.kind === "autonumber") {
    if (!values.pattern.trim()) errors.pattern = "Give a pattern such as INV-{YYYY}-{0000}";
    set("x-pattern", values.pattern.trim() || undefined);
  }
  if (values.kind === "formula") {
    if (!values.formula.trim()) errors.formula = "Write the expression, e.g. price * quantity";
    set("x-formula", values.formula.trim() || undefined);
    set("x-result", values.result);
  }
  if (allowed.has("x-precision")) set("x-precision", wholeNumber(values.precision, "Precision", errors, "precision"));
  if (allowed.has("x-scale")) set("x-scale", wholeNumber(values.scale, "Digits after the point", errors, "scale"));
  if (allowed.has("maxLength")) set("maxLength", wholeNumber(values.maxLength, "Maximum length", errors, "maxLength") || undefined);
  if (allowed.has("x-currency")) {
    const currency = values.currency.trim().toUpperCase();
    if (currency && !/^[A-Z]{3}$/.test(currency)) errors.currency = "Use a three-letter currency code such as EUR";
    set("x-currency", currency || undefined);
  }

  if (allowed.has("default")) {
    if (values.defaultText.trim() === "") o.default = undefined;
    else {
      // The kind's own parser needs the definition built so far (a select's choices, a scale).
      const probe = { type: fieldKinds[values.kind].jsonType, "x-id": "probe", "x-kind": values.kind, ...o } as FieldSchema;
      const parsed = fieldKinds[values.kind].parseText(values.defaultText, probe);
      if (parsed.ok) o.default = parsed.value ?? undefined;
      else errors.defaultText = `The default is not valid: ${parsed.error}`;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, options: o as FieldOptions };
}
