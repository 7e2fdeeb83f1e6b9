import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "number", "x-id": "f_total", "x-kind": "formula", "x-formula": "1", "x-result": "decimal" },
  cases: [
    {
      field: {
        type: "number",
        "x-id": "f_total",
        "x-kind": "formula",
        "x-formula": "sum(items.amount)",
        "x-result": "money",
        "x-currency": "EUR",
      },
      valid: [0, 12.5, -0.01, 1_234_567.89],
      invalid: ["12.50", true],
    },
    {
      field: { type: "integer", "x-id": "f_count", "x-kind": "formula", "x-formula": "count(items)", "x-result": "integer" },
      valid: [0, 7, -3],
      invalid: [1.5],
    },
    {
      field: { type: "string", "x-id": "f_label", "x-kind": "formula", "x-formula": "concat(name, ' ', city)", "x-result": "text" },
      valid: ["O'Reilly Dublin", ""],
      invalid: [5],
    },
    {
      field: { type: "boolean", "x-id": "f_overdue", "x-kind": "formula", "x-formula": "due < today()", "x-result": "boolean" },
      valid: [true, false],
      invalid: ["yes"],
    },
    {
      field: { type: "string", "x-id": "f_end", "x-kind": "formula", "x-formula": "start + 30", "x-result": "date" },
      valid: ["2024-02-29"],
      invalid: ["2023-02-29"],
    },
    {
      field: {
        type: "number",
        "x-id": "f_share",
        "x-kind": "formula",
        "x-formula": "paid / total * 100",
        "x-result": "percent",
        "x-scale": 2,
      },
      valid: [33.33, 100],
      invalid: [100_000_000],
    },
  ],
};
