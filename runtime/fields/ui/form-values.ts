import type { CompiledField } from "../../schema/compile";
import type { Phrase } from "../../i18n/words";
import type { FieldKindDef, ParseResult } from "../types";
import { refuse } from "../value-words";

/** A posted value read, or refused: in English, with the kind's phrase for a screen where it has one. */
export type FormDataResult = { ok: true; value: unknown } | { ok: false; error: string; words?: Phrase };

/** One posted string through the kind's own text parser; an empty or missing value is null. */
export function parseSingleValue(kind: FieldKindDef) {
  return (values: string[], field: CompiledField): FormDataResult => {
    const present = values.filter((v) => v !== "");
    if (present.length === 0) return { ok: true, value: null };
    if (present.length > 1) return refuse("oneValue", { field: field.label, count: present.length });
    return asResult(kind.parseText(present[0], field.def));
  };
}

export function asResult(parsed: ParseResult): FormDataResult {
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, error: parsed.error, words: parsed.words };
}

/**
 * Computed kinds post nothing. `undefined` means "nothing to change": it disappears from a JSON
 * body, so a card that copies every result into its patch cannot wipe a number or a total.
 */
export function computedFromFormData(values: string[], field: CompiledField): FormDataResult {
  if (values.length === 0) return { ok: true, value: undefined };
  return refuse("computedTyped", { field: field.label });
}
