import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "object", "x-id": "f_logo", "x-kind": "image" },
  cases: [
    {
      field: { type: "object", "x-id": "f_logo", "x-kind": "image" },
      valid: [
        { id: "000000000000000000000000000001a1", name: "logo.png", size: 2048, type: "image/png" },
        { id: "000000000000000000000000000001a2", name: "O'Reilly.svg", size: 0, type: "image/svg+xml" },
      ],
      invalid: [
        { id: "000000000000000000000000000000d1", name: "a.pdf", size: 1, type: "application/pdf" },
        { id: "000000000000000000000000000000e1", name: "x", size: 1, type: "image/" },
      ],
      textRoundTrip: false,
    },
  ],
};
