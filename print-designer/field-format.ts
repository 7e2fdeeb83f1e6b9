import { parseOutputTag } from "./chips";
import { filterFor, type FieldPathOption } from "./field-paths";

/** How a Field chip formats its value; "custom" keeps an expression written by hand. */
export type FieldFormat = "auto" | "words" | "long" | "plain" | "custom";

/** The formats a Field chip offers, in the order of its Format trait (`printDesigner.formats.<format>`). */
export const FIELD_FORMATS: readonly FieldFormat[] = ["auto", "words", "long", "plain", "custom"];

export function expressionFor(path: string, format: FieldFormat, options: readonly FieldPathOption[]): string {
  const kind = options.find((o) => o.path === path)?.filter ?? "text";
  switch (format) {
    case "words":
      return `${path} | amount_in_words`;
    case "long":
      return `${path} | date: "long"`;
    case "plain":
      return path;
    default:
      return `${path}${filterFor(kind, path)}`;
  }
}

/** Which format produced an expression, so the Format trait shows it; "custom" when none did. */
export function formatOf(expression: string, options: readonly FieldPathOption[]): FieldFormat {
  const path = parseOutputTag(`{{ ${expression} }}`)?.path;
  if (!path) return "custom";
  for (const f of ["auto", "words", "long", "plain"] as const) if (expressionFor(path, f, options) === expression) return f;
  return "custom";
}

/** What a new Field chip shows: the record's number or name, else the first value there is. */
export function firstPath(options: readonly FieldPathOption[], ...preferred: string[]): string {
  return preferred.find((p) => options.some((o) => o.path === p)) ?? options[0]?.path ?? "today";
}
