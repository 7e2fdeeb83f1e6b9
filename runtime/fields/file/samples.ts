import type { KindSamples } from "../sample-types";

export const samples: KindSamples = {
  minimal: { type: "object", "x-id": "f_attachment", "x-kind": "file" },
  cases: [
    {
      field: { type: "object", "x-id": "f_attachment", "x-kind": "file" },
      valid: [
        { id: "000000000000000000000000000000f1", name: "O'Reilly report.pdf", size: 0, type: "application/pdf" },
        { id: "000000000000000000000000000000f5", name: "😀.txt", size: 2_147_483_647, type: "" },
      ],
      invalid: [
        // Only ids of the file store: never a script URL or SQL smuggled in as one.
        { id: "javascript:alert(1)//", name: "a.pdf", size: 1, type: "application/pdf" },
        { id: "x'); DROP TABLE t;--", name: "a.pdf", size: 1, type: "application/pdf" },
        { id: "000000000000000000000000000000f1", name: "a.pdf", type: "application/pdf" },
        { id: "000000000000000000000000000000f1", name: "a.pdf", size: -1, type: "application/pdf" },
        { id: "000000000000000000000000000000f1", name: "a.pdf", size: 1, type: "application/pdf", path: "/etc/passwd" },
        "a.pdf",
      ],
      textRoundTrip: false,
    },
    {
      field: { type: "object", "x-id": "f_contract", "x-kind": "file", "x-accept": "application/pdf, image/*", "x-max-size": 1000 },
      valid: [
        { id: "000000000000000000000000000000f2", name: "scan.png", size: 1000, type: "image/png" },
        { id: "000000000000000000000000000000f3", name: "c.pdf", size: 1, type: "application/pdf" },
      ],
      invalid: [
        { id: "000000000000000000000000000000f2", name: "scan.png", size: 1001, type: "image/png" },
        { id: "000000000000000000000000000000f4", name: "c.doc", size: 1, type: "application/msword" },
      ],
      textRoundTrip: false,
    },
  ],
};
