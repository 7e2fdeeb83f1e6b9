import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "string", "x-id": "f_due", "x-kind": "date" },
  cases: [
    {
      field: { type: "string", "x-id": "f_due", "x-kind": "date", format: "date" },
      valid: ["2024-02-29", "2026-11-24", "2000-02-29", "1970-01-01", "0001-01-01", "9999-12-31"],
      invalid: ["2026-02-29", "1900-02-29", "2026-02-30", "2026-13-01", "24.11.2026", "2026-11-24T00:00:00Z", 20261124],
    },
  ],
};
