import { describe, expect, it } from "vitest";
import { firstAdminNotice } from "./first-admin-notice";

describe("firstAdminNotice", () => {
  it("boxes the address, the email and the password, every line the same width", () => {
    const text = firstAdminNotice("admin@example.com", "s3cr3t-once", "http://localhost:3000/login");
    expect(text).toContain("Sign in at http://localhost:3000/login as admin@example.com");
    expect(text).toContain("s3cr3t-once");
    const widths = new Set(text.split("\n").map((l) => l.length));
    expect(widths.size).toBe(1);
  });
});
