import { keyFromLabel } from "../schema/key-from-label";
import type { FieldSchema } from "../schema/types";
import type { DefinitionProblem, ParseResult } from "./types";
import { isNullish, isPlainObject, ok, quote } from "./common";
import { refuse } from "./value-words";
import { definitionProblem } from "./definition-words";

/** Select options live in `enum`, multiselect options in `items.enum`. */
export function optionValues(field: FieldSchema): string[] {
  return field.enum ?? field.items?.enum ?? [];
}

export function optionLabel(value: string, field: FieldSchema): string {
  return field["x-labels"]?.[value] ?? value;
}

/** The first options with their labels, and how many more there are. */
function describeOptions(field: FieldSchema): { options: string; more: number } {
  const options = optionValues(field).map((value) => {
    const label = optionLabel(value, field);
    return label === value ? value : `${value} (${label})`;
  });
  return { options: options.slice(0, 20).join(", "), more: Math.max(0, options.length - 20) };
}

/** Exact value first, then a case-insensitive value, then a case-insensitive label. */
export function matchOption(text: string, field: FieldSchema): ParseResult<string> {
  const wanted = text.trim();
  const values = optionValues(field);
  if (values.includes(wanted)) return ok(wanted);
  const lower = wanted.toLowerCase();
  const byValue = values.find((value) => value.toLowerCase() === lower);
  if (byValue !== undefined) return ok(byValue);
  const byLabel = values.find((value) => optionLabel(value, field).toLowerCase() === lower);
  if (byLabel !== undefined) return ok(byLabel);
  const { options, more } = describeOptions(field);
  return refuse(more > 0 ? "notOptionMore" : "notOption", { value: quote(wanted), options, more });
}

/** What `x-option-meta` says of an option (its win probability), if anything. */
export function optionProbability(value: string, field: FieldSchema): number | undefined {
  return field["x-option-meta"]?.[value]?.probability;
}

/** Keys of a per-option keyword (`x-option-meta`) must name options. */
export function optionKeyProblems(def: Record<string, unknown>, values: unknown, keyword: string): DefinitionProblem[] {
  const byOption = def[keyword];
  if (!Array.isArray(values) || !isPlainObject(byOption)) return [];
  const options = new Set(values.filter((v): v is string => typeof v === "string"));
  return Object.keys(byOption)
    .filter((value) => !options.has(value))
    .map((value) => definitionProblem([keyword, value], "optionKeyUnknown", { keyword, value }));
}

export function formatOptionDisplay(value: unknown, field: FieldSchema): string {
  if (isNullish(value)) return "";
  return optionLabel(String(value), field);
}

/**
 * What select and multiselect definitions must get right beyond their shape: labels name options,
 * and a default is one of them. `values` is the options as written (`enum` or `items.enum`),
 * `defaults` the default as a list of options.
 */
export function optionDefinitionProblems(def: Record<string, unknown>, values: unknown, defaults: () => unknown[]): DefinitionProblem[] {
  if (!Array.isArray(values)) return [];
  const problems: DefinitionProblem[] = [];
  const options = new Set(values.filter((v): v is string => typeof v === "string"));
  const labels = def["x-labels"];
  if (isPlainObject(labels))
    for (const value of Object.keys(labels))
      if (!options.has(value)) problems.push(definitionProblem(["x-labels", value], "labelUnknown", { value }));
  if ("default" in def) {
    const unknown = defaults().filter((v) => typeof v !== "string" || !options.has(v));
    if (unknown.length > 0)
      problems.push(
        definitionProblem(["default"], "defaultNotOption", {
          values: unknown.map((v) => JSON.stringify(v)).join(", "),
          options: [...options].map((v) => JSON.stringify(v)).join(", "),
        }),
      );
  }
  return problems;
}

/** The designer's text of options, one a line: `Label`, or `value = Label` to choose the stored value. */
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

/** What `parseChoices` reads back as the same values and labels: a bare line only where its key is the value. */
export function formatChoices(values: string[] = [], labels: Record<string, string> = {}): string {
  return values.map((v) => (keyFromLabel(labels[v] ?? v) === v ? (labels[v] ?? v) : `${v} = ${labels[v] ?? v}`)).join("\n");
}
