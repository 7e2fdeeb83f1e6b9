import type { FieldUi } from "../ui-types";
import { numberUi } from "../ui/number-input";
import { decimalKind } from "./index";

export const decimalUi: FieldUi = numberUi(decimalKind);
