import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "integer", "x-id": "f_qty", "x-kind": "integer" },
  cases: [
    {
      field: { type: "integer", "x-id": "f_qty", "x-kind": "integer" },
      valid: [0, 1, -1, 42, 1_000_000, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER],
      invalid: [1.5, "1", Number.MAX_SAFE_INTEGER + 2, true],
    },
    {
      field: { type: "integer", "x-id": "f_rating", "x-kind": "integer", minimum: 1, maximum: 5 },
      valid: [1, 5],
      invalid: [0, 6],
    },
  ],
};
