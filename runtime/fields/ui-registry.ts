import { FIELD_KINDS, type FieldKind } from "../schema/types";
import type { FieldUi } from "./ui-types";
import { autonumberUi } from "./autonumber/ui";
import { booleanUi } from "./boolean/ui";
import { dateUi } from "./date/ui";
import { datetimeUi } from "./datetime/ui";
import { decimalUi } from "./decimal/ui";
import { emailUi } from "./email/ui";
import { fileUi } from "./file/ui";
import { formulaUi } from "./formula/ui";
import { imageUi } from "./image/ui";
import { integerUi } from "./integer/ui";
import { longtextUi } from "./longtext/ui";
import { moneyUi } from "./money/ui";
import { multiselectUi } from "./multiselect/ui";
import { percentUi } from "./percent/ui";
import { phoneUi } from "./phone/ui";
import { ratingUi } from "./rating/ui";
import { relationUi } from "./relation/ui";
import { selectUi } from "./select/ui";
import { textUi } from "./text/ui";
import { urlUi } from "./url/ui";

/** The widget and list cell of every field kind; a kind in FIELD_KINDS without an entry does not compile. */
export const fieldUis: { readonly [K in FieldKind]: FieldUi } = {
  text: textUi,
  longtext: longtextUi,
  integer: integerUi,
  decimal: decimalUi,
  money: moneyUi,
  percent: percentUi,
  rating: ratingUi,
  boolean: booleanUi,
  date: dateUi,
  datetime: datetimeUi,
  email: emailUi,
  phone: phoneUi,
  url: urlUi,
  select: selectUi,
  multiselect: multiselectUi,
  relation: relationUi,
  autonumber: autonumberUi,
  file: fileUi,
  image: imageUi,
  formula: formulaUi,
};

export function getFieldUi(kind: string): FieldUi {
  if (!(FIELD_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`No widget for field kind "${kind}": use one of ${FIELD_KINDS.join(", ")}`);
  }
  return fieldUis[kind as FieldKind];
}
