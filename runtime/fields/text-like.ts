import type { FieldSchema } from "../schema/types";
import type { ParseResult } from "./types";
import { isNullish, mapPresent, ok, stringFromDb, TEXT_OPERATORS } from "./common";

/** Conversions every kind whose value is a plain string shares. */
export const stringConversions = {
  toDb: (value: unknown): string | null => mapPresent(value, String),
  fromDb: (raw: unknown): string | null => stringFromDb(raw),
  formatText: (value: unknown): string => (isNullish(value) ? "" : String(value)),
  formatDisplay: (value: unknown): string => (isNullish(value) ? "" : String(value)),
  filterOperators: TEXT_OPERATORS,
  sortable: true,
} as const;

/**
 * For kinds where surrounding spaces can never be part of a valid value (email, phone, url):
 * trims, and reads a blank cell as "no value".
 */
export function parseTrimmedText(text: string): ParseResult<string | null> {
  const trimmed = text.trim();
  return ok(trimmed === "" ? null : trimmed);
}

/** Free text keeps every character, so that export → import gives back exactly what was stored. */
export function parseExactText(text: string): ParseResult<string> {
  return ok(text);
}

export function lengthLimited(field: FieldSchema, fallback: number): { maxLength: number; minLength?: number } {
  return {
    maxLength: field.maxLength ?? fallback,
    ...(field.minLength !== undefined ? { minLength: field.minLength } : {}),
  };
}
