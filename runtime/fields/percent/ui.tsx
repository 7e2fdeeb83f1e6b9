import type { FieldUi } from "../ui-types";
import { numberUi } from "../ui/number-input";
import { percentKind } from "./index";

export const percentUi: FieldUi = numberUi(percentKind, { suffix: () => "%" });
