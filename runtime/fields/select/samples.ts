import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "string", "x-id": "f_status", "x-kind": "select", enum: ["a"] },
  cases: [
    {
      field: {
        type: "string",
        "x-id": "f_status",
        "x-kind": "select",
        enum: ["draft", "issued", "paid", "O'Reilly", "x'); DROP TABLE t;--", "🚀"],
        "x-labels": { draft: "Draft", issued: "Issued", paid: "Paid in full" },
        default: "draft",
      },
      valid: ["draft", "paid", "O'Reilly", "x'); DROP TABLE t;--", "🚀"],
      invalid: ["Draft", "other", "", 1],
    },
  ],
};
