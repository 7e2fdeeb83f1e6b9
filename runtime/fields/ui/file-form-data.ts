import type { CompiledField } from "../../schema/compile";
import { isFileValue } from "./api-client";
import { refuse } from "../value-words";
import type { FormDataResult } from "./form-values";

/** The hidden input's JSON back to a file value; the value schema checks type and size limits later. */
export function fileFromFormData(values: string[], field: CompiledField): FormDataResult {
  const present = values.filter((v) => v.trim() !== "");
  if (present.length === 0) return { ok: true, value: null };
  if (present.length > 1) return refuse("oneFile", { field: field.label, count: present.length });
  let parsed: unknown;
  try {
    parsed = JSON.parse(present[0]);
  } catch {
    return refuse("notUploaded", { field: field.label });
  }
  if (!isFileValue(parsed)) return refuse("notFileValue", { field: field.label });
  return { ok: true, value: { id: parsed.id, name: parsed.name, size: parsed.size, type: parsed.type } };
}
