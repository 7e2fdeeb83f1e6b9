import type { FieldUi } from "../ui-types";
import { textLikeUi } from "../ui/text-input";
import { textKind } from "./index";

export const textUi: FieldUi = textLikeUi(textKind, "text");
