import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "string", "x-id": "f_no", "x-kind": "autonumber", "x-pattern": "{0000}" },
  cases: [
    {
      field: {
        type: "string",
        "x-id": "f_inv_no",
        "x-kind": "autonumber",
        "x-pattern": "INV-{YYYY}-{0000}",
        "x-assign-when": { field: "status", op: "neq", value: "draft" },
        "x-date-field": "issued_on",
      },
      valid: ["INV-2026-0001", "INV-2024-123456", "x'); DROP TABLE t;--", "N".repeat(64)],
      invalid: ["", 17, "N".repeat(65)],
    },
  ],
};
