import type { ErrorObject } from "ajv/dist/2020";

/**
 * One ajv error in words for an admin, e.g. `needs "type"`. `unknownProperty` says what to do about
 * a property the format does not have; other keywords fall back to ajv's own message.
 */
export function describeAjvError(e: ErrorObject, options: { unknownProperty?(name: string): string; pattern?: string } = {}): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return `needs "${String(p.missingProperty)}"`;
    case "additionalProperties":
      return options.unknownProperty?.(String(p.additionalProperty)) ?? `"${String(p.additionalProperty)}" is not allowed here`;
    case "const":
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case "enum":
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "pattern":
      return options.pattern ?? e.message ?? "is invalid";
    default:
      return e.message ?? "is invalid";
  }
}
