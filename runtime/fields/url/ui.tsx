import type { FieldUi } from "../ui-types";
import { textLikeUi } from "../ui/text-input";
import { urlKind } from "./index";

export const urlUi: FieldUi = textLikeUi(urlKind, "url");
