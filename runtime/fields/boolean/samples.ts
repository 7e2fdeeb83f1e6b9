import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "boolean", "x-id": "f_active", "x-kind": "boolean" },
  cases: [
    {
      field: { type: "boolean", "x-id": "f_active", "x-kind": "boolean", default: true },
      valid: [true, false],
      invalid: [0, 1, "true", "yes", null],
    },
  ],
};
