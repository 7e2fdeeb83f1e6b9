import type { FieldUi } from "../ui-types";
import { textLikeUi } from "../ui/text-input";
import { emailKind } from "./index";

export const emailUi: FieldUi = textLikeUi(emailKind, "email");
