import type { FieldKind } from "../schema/types";
import type { KindSamples } from "./sample-types";
import { samples as autonumber } from "./autonumber/samples";
import { samples as boolean } from "./boolean/samples";
import { samples as date } from "./date/samples";
import { samples as datetime } from "./datetime/samples";
import { samples as decimal } from "./decimal/samples";
import { samples as email } from "./email/samples";
import { samples as file } from "./file/samples";
import { samples as formula } from "./formula/samples";
import { samples as image } from "./image/samples";
import { samples as integer } from "./integer/samples";
import { samples as longtext } from "./longtext/samples";
import { samples as money } from "./money/samples";
import { samples as multiselect } from "./multiselect/samples";
import { samples as percent } from "./percent/samples";
import { samples as phone } from "./phone/samples";
import { samples as rating } from "./rating/samples";
import { samples as relation } from "./relation/samples";
import { samples as select } from "./select/samples";
import { samples as text } from "./text/samples";
import { samples as url } from "./url/samples";

/** Sample definitions and values of every kind; a kind without samples does not compile. */
export const kindSamples: { readonly [K in FieldKind]: KindSamples } = {
  text,
  longtext,
  integer,
  decimal,
  money,
  percent,
  rating,
  boolean,
  date,
  datetime,
  email,
  phone,
  url,
  select,
  multiselect,
  relation,
  autonumber,
  file,
  image,
  formula,
};
