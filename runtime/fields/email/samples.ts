import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "string", "x-id": "f_email", "x-kind": "email" },
  cases: [
    {
      field: { type: "string", "x-id": "f_email", "x-kind": "email", format: "email" },
      valid: ["o'reilly@example.com", "first.last+tag@sub.example.org", "a@b.co"],
      invalid: ["not-an-email", "a@", "@b.com", "x'); DROP TABLE t;--", "", `${"a".repeat(250)}@b.com`],
    },
  ],
};
