import type { CompiledField } from "../../schema/compile";
import type { FieldUi } from "../ui-types";
import { computedUi } from "../ui/computed-value";
import { formattedCell } from "../ui/formatted-cell";
import { formulaKind } from "./index";

const NUMERIC_RESULTS = new Set(["integer", "decimal", "money", "percent"]);

function isNumericFormula(field: CompiledField): boolean {
  return NUMERIC_RESULTS.has(field.def["x-result"] ?? "text");
}

export const formulaUi: FieldUi = {
  ...computedUi(formulaKind, { numeric: isNumericFormula }),
  Cell: formattedCell(formulaKind, { numeric: (props) => isNumericFormula(props.field) }),
};
