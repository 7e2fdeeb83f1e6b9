import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "string", "x-id": "f_phone", "x-kind": "phone" },
  cases: [
    {
      field: { type: "string", "x-id": "f_phone", "x-kind": "phone" },
      valid: ["+1 (555) 123-4567", "030 1234567 x89", "112", "+49.30.1234567", "0".repeat(32)],
      invalid: ["12", "abc", "---", "+1 555 CALL NOW", "1".repeat(33), "x'); DROP TABLE t;--", "+1\n555"],
    },
  ],
};
