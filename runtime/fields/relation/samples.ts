import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "integer", "x-id": "f_client", "x-kind": "relation", "x-target": "clients" },
  cases: [
    {
      field: { type: "integer", "x-id": "f_client", "x-kind": "relation", "x-target": "clients", "x-inverse": "invoices" },
      valid: [1, 42, 2_147_483_647],
      invalid: [0, -1, 1.5, "1", 2_147_483_648],
    },
  ],
};
