import type { CompiledField } from "../../schema/compile";
import { isFileValue } from "./api-client";
import type { FormDataResult } from "./form-values";

/** The hidden input's JSON back to a file value; the value schema checks type and size limits later. */
export function fileFromFormData(values: string[], field: CompiledField): FormDataResult {
  const present = values.filter((v) => v.trim() !== "");
  if (present.length === 0) return { ok: true, value: null };
  if (present.length > 1) return { ok: false, error: `${field.label} takes one file, but ${present.length} were sent` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(present[0]);
  } catch {
    return { ok: false, error: `${field.label} did not arrive as an uploaded file: upload it again` };
  }
  if (!isFileValue(parsed)) return { ok: false, error: `${field.label} does not describe an uploaded file: upload it again` };
  return { ok: true, value: { id: parsed.id, name: parsed.name, size: parsed.size, type: parsed.type } };
}
