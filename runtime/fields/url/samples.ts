import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "string", "x-id": "f_site", "x-kind": "url" },
  cases: [
    {
      field: { type: "string", "x-id": "f_site", "x-kind": "url", format: "uri" },
      valid: [
        "https://example.com/a?b=c&d='e'",
        "http://localhost:3000",
        "HTTPS://EXAMPLE.COM",
        "mailto:o'reilly@example.com",
        `https://example.com/${"p".repeat(1970)}`,
      ],
      invalid: [
        "javascript:alert(1)",
        "ftp://example.com",
        "data:text/html,x",
        "example.com",
        "https://",
        "https:// x",
        `https://example.com/${"p".repeat(1981)}`,
      ],
    },
  ],
};
