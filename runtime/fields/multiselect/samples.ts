import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "array", "x-id": "f_tags", "x-kind": "multiselect", items: { type: "string", enum: ["a"] } },
  cases: [
    {
      field: {
        type: "array",
        "x-id": "f_tags",
        "x-kind": "multiselect",
        items: { type: "string", enum: ["vip", "partner", "O'Reilly", "a`b", "🎯 target"] },
        uniqueItems: true,
        "x-labels": { vip: "VIP", partner: "Partner" },
      },
      valid: [[], ["vip"], ["partner", "vip"], ["O'Reilly", "a`b", "🎯 target"]],
      invalid: [["vip", "vip"], ["unknown"], "vip", [1]],
    },
  ],
};
