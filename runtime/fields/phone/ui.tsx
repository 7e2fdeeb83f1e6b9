import type { FieldUi } from "../ui-types";
import { textLikeUi } from "../ui/text-input";
import { phoneKind } from "./index";

export const phoneUi: FieldUi = textLikeUi(phoneKind, "tel");
