import type { FieldSchema } from "../schema/types";
import type { ColumnSpec, ParseResult } from "./types";
import { ORDERED_OPERATORS, ok } from "./common";
import { MAX_DECIMALS_KEYWORD } from "./value-keywords";
import { decimalBounds, decimalToDb, formatNumberText, numberFromDb, parseNumberText } from "./numbers";

export interface DecimalGeometry {
  precision: (field: FieldSchema) => number;
  scale: (field: FieldSchema) => number;
}

/** What decimal, money and percent share: a JSON number stored as an exact DECIMAL(p, s). */
export function decimalLikeParts(geometry: DecimalGeometry) {
  return {
    jsonType: "number" as const,
    valueSchema: (field: FieldSchema): Record<string, unknown> => ({
      type: "number",
      ...decimalBounds(geometry.precision(field), geometry.scale(field), field),
      [MAX_DECIMALS_KEYWORD]: geometry.scale(field),
    }),
    column: (field: FieldSchema): ColumnSpec => ({
      type: "decimal",
      precision: geometry.precision(field),
      scale: geometry.scale(field),
    }),
    toDb: (value: unknown, field: FieldSchema): string | null => decimalToDb(value, geometry.scale(field)),
    fromDb: (raw: unknown): number | null => numberFromDb(raw),
    filterOperators: ORDERED_OPERATORS,
    sortable: true,
    searchable: false,
    readOnly: false,
    valueClass: "number" as const,
    parseText: (text: string): ParseResult<number | null> => (text.trim() === "" ? ok(null) : parseNumberText(text)),
    formatText: (value: unknown): string => formatNumberText(value),
  };
}

export const numberKeywords = {
  minimum: { type: "number" },
  maximum: { type: "number" },
} as const;
