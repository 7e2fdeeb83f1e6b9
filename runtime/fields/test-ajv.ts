import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { addValueKeywords } from "./value-keywords";

/** The same settings the runtime validator uses: strict, all errors, formats loaded. */
export function createTestAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  addValueKeywords(ajv);
  return ajv;
}
