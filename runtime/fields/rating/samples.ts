import type { KindSamples } from "../sample-types";

/** `x-max` is the rating's own keyword, which the shared FieldSchema type does not list. */
const tenStars = { "x-max": 10 };

export const samples: KindSamples = {
  minimal: { type: "integer", "x-id": "f_stars", "x-kind": "rating" },
  cases: [
    {
      field: { type: "integer", "x-id": "f_stars", "x-kind": "rating" },
      valid: [1, 3, 5],
      invalid: [0, 6, 2.5, -1, "3", true],
    },
    {
      field: { type: "integer", "x-id": "f_score", "x-kind": "rating", ...tenStars, default: 7 },
      valid: [1, 10],
      invalid: [0, 11],
    },
  ],
};
