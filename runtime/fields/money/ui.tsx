import type { FieldUi } from "../ui-types";
import { numberUi } from "../ui/number-input";
import { moneyKind, resolveCurrency } from "./index";

/** The currency follows the record: changing an invoice's currency relabels every amount at once. */
export const moneyUi: FieldUi = numberUi(moneyKind, {
  suffix: (props) => resolveCurrency(props.field.def, props.format, props.record),
});
