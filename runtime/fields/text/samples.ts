import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "string", "x-id": "f_name", "x-kind": "text" },
  cases: [
    {
      field: { type: "string", "x-id": "f_name", "x-kind": "text", title: "Name", "x-searchable": true },
      valid: [
        "O'Reilly",
        "a`b",
        "x'); DROP TABLE t;--",
        'say "hi" \\ back',
        "emoji 😀 👩‍👩‍👧 ✓",
        "Ünïcödé 中文 العربية",
        "",
        "  spaces around  ",
        "0",
        "-1",
        "line one\nline two",
        "%_ wildcard; ${x}",
        "x".repeat(255),
      ],
      invalid: ["x".repeat(256), 12, null, ["a"]],
    },
    {
      field: { type: "string", "x-id": "f_code", "x-kind": "text", maxLength: 5000, minLength: 2, pattern: "^[A-Z]" },
      valid: ["AB", "Q".repeat(5000)],
      invalid: ["A", "ab", "Q".repeat(5001)],
    },
  ],
};
