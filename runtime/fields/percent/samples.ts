import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "number", "x-id": "f_tax_rate", "x-kind": "percent" },
  cases: [
    {
      field: { type: "number", "x-id": "f_tax_rate", "x-kind": "percent" },
      valid: [0, 20, 7.5, -5.5, 12.3456, 99_999.9999, -99_999.9999],
      invalid: [100_000, "20"],
    },
    {
      field: { type: "number", "x-id": "f_discount", "x-kind": "percent", "x-scale": 1, minimum: 0, maximum: 100 },
      valid: [0, 12.5, 100],
      invalid: [-1, 100.1],
    },
  ],
};
