import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "string", "x-id": "f_notes", "x-kind": "longtext" },
  cases: [
    {
      field: { type: "string", "x-id": "f_notes", "x-kind": "longtext" },
      valid: ["", "O'Reilly\r\nsecond line\n", "x'); DROP TABLE t;--", "🎉".repeat(1000), "word ".repeat(20_000)],
      invalid: [1, true, "x".repeat(1_000_001)],
    },
  ],
};
