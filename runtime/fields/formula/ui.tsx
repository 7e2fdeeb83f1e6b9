import type { CompiledField } from "../../schema/compile";
import { valueClassOf } from "../registry";
import type { FieldUi } from "../ui-types";
import { computedUi } from "../ui/computed-value";
import { formattedCell } from "../ui/formatted-cell";
import { formulaKind } from "./index";

const isNumericFormula = (field: CompiledField): boolean => valueClassOf(field.def) === "number";

export const formulaUi: FieldUi = {
  ...computedUi(formulaKind, { numeric: isNumericFormula }),
  Cell: formattedCell(formulaKind, { numeric: (props) => isNumericFormula(props.field) }),
};
