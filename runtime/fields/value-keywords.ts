import type Ajv from "ajv";
import { fractionDigits } from "./numbers";

/**
 * The keyword a decimal-like value schema carries: at most this many digits after the point. A
 * value with more is refused, never rounded behind the user's back (1e-9 stored as 0.00).
 */
export const MAX_DECIMALS_KEYWORD = "x-decimals";

/** The keywords of our own that value schemas use: every ajv that checks values adds them. */
export function addValueKeywords(ajv: Pick<Ajv, "addKeyword">): void {
  ajv.addKeyword({
    keyword: MAX_DECIMALS_KEYWORD,
    type: "number",
    schemaType: "number",
    validate: (places: number, value: number) => fractionDigits(value) <= places,
  });
}
