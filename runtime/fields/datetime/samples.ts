import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "string", "x-id": "f_at", "x-kind": "datetime" },
  cases: [
    {
      field: { type: "string", "x-id": "f_at", "x-kind": "datetime", format: "date-time" },
      valid: [
        "2026-11-24T10:15:00.000Z",
        "2024-02-29T23:59:59.999Z",
        "1970-01-01T00:00:00.000Z",
        "2026-03-29T01:30:00.000Z",
        "0099-12-31T00:00:00.000Z",
      ],
      invalid: ["2026-11-24T10:15:00", "2026-11-24", "2026-02-30T10:00:00Z", "yesterday", 1_764_000_000_000],
    },
  ],
};
