import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "object", "x-id": "f_logo", "x-kind": "image" },
  cases: [
    {
      field: { type: "object", "x-id": "f_logo", "x-kind": "image" },
      valid: [
        { id: "img1", name: "logo.png", size: 2048, type: "image/png" },
        { id: "img2", name: "O'Reilly.svg", size: 0, type: "image/svg+xml" },
      ],
      invalid: [
        { id: "d1", name: "a.pdf", size: 1, type: "application/pdf" },
        { id: "i", name: "x", size: 1, type: "image/" },
      ],
      textRoundTrip: false,
    },
  ],
};
