import type { FieldUi } from "../ui-types";
import { numberUi } from "../ui/number-input";
import { integerKind } from "./index";

export const integerUi: FieldUi = numberUi(integerKind);
