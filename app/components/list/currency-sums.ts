import { valueKindOf } from "@runtime/fields/registry";
import type { CurrencySum } from "@runtime/records/board-fields";
import type { FormatOptions } from "@runtime/fields/types";
import type { CompiledField } from "@runtime/schema/compile";
import { LIST_FORMAT } from "./field-cell";

/**
 * Money per currency as one line, each amount in its own currency ("€1,200.00 · $300.00"):
 * amounts in different currencies are never one sum. Null when there is nothing to show.
 */
export function formatCurrencySums(
  field: Pick<CompiledField, "def">,
  sums: CurrencySum[],
  keepZero = sums.length === 1,
  format: FormatOptions = LIST_FORMAT,
): string | null {
  const shown = sums.filter((s) => s.sum !== 0 || keepZero);
  if (shown.length === 0) return null;
  const currencyKey = field.def["x-currency-field"];
  const kind = valueKindOf(field.def);
  return shown
    .map((s) => kind.formatDisplay(s.sum, field.def, format, typeof currencyKey === "string" ? { [currencyKey]: s.currency } : {}))
    .join(" · ");
}
