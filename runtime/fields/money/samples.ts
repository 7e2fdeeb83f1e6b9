import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "number", "x-id": "f_total", "x-kind": "money" },
  cases: [
    {
      field: { type: "number", "x-id": "f_total", "x-kind": "money", "x-currency": "EUR" },
      valid: [0, 19.99, -0.01, 1_234_567.89, 99_999_999_999_999.98, -99_999_999_999_999.98],
      invalid: [1e16, "19.99", null],
    },
    {
      field: { type: "number", "x-id": "f_price", "x-kind": "money", "x-scale": 0, "x-currency-field": "currency", minimum: 0 },
      valid: [0, 1500, 123_456_789],
      invalid: [-1],
    },
  ],
};
