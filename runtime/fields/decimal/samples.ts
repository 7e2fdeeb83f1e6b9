import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "number", "x-id": "f_qty", "x-kind": "decimal" },
  cases: [
    {
      field: { type: "number", "x-id": "f_qty", "x-kind": "decimal" },
      valid: [0, -12.5, 1234.56, 0.01, -0.01, 9_999_999_999_999_998, 1e15],
      invalid: [1e16, -1e16, "12.50", Number.NaN],
    },
    {
      field: { type: "number", "x-id": "f_rate", "x-kind": "decimal", "x-precision": 10, "x-scale": 4 },
      valid: [3.1416, -0.0001, 999_999.9999, -999_999.9999, 0],
      invalid: [1_000_000, -1_000_000, 999_999.99995],
    },
    {
      field: { type: "number", "x-id": "f_big", "x-kind": "decimal", "x-precision": 30, "x-scale": 0 },
      valid: [1e21, -123_456_789_012_345_680_000, 7],
      invalid: [1e30],
    },
    {
      field: { type: "number", "x-id": "f_weight", "x-kind": "decimal", "x-scale": 3, minimum: 0, maximum: 1000 },
      valid: [0, 0.001, 1000],
      invalid: [-0.001, 1000.001],
    },
  ],
};
