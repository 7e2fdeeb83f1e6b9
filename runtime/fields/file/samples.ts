import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "object", "x-id": "f_attachment", "x-kind": "file" },
  cases: [
    {
      field: { type: "object", "x-id": "f_attachment", "x-kind": "file" },
      valid: [
        { id: "f1", name: "O'Reilly report.pdf", size: 0, type: "application/pdf" },
        { id: "x'); DROP TABLE t;--", name: "😀.txt", size: 9_007_199_254_740_991, type: "" },
      ],
      invalid: [
        { id: "f1", name: "a.pdf", type: "application/pdf" },
        { id: "f1", name: "a.pdf", size: -1, type: "application/pdf" },
        { id: "f1", name: "a.pdf", size: 1, type: "application/pdf", path: "/etc/passwd" },
        "a.pdf",
      ],
      textRoundTrip: false,
    },
    {
      field: { type: "object", "x-id": "f_contract", "x-kind": "file", "x-accept": "application/pdf, image/*", "x-max-size": 1000 },
      valid: [
        { id: "f2", name: "scan.png", size: 1000, type: "image/png" },
        { id: "f3", name: "c.pdf", size: 1, type: "application/pdf" },
      ],
      invalid: [
        { id: "f2", name: "scan.png", size: 1001, type: "image/png" },
        { id: "f4", name: "c.doc", size: 1, type: "application/msword" },
      ],
      textRoundTrip: false,
    },
  ],
};
