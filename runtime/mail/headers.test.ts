import { describe, expect, it } from "vitest";
import { headerText, parseRecipients } from "./headers";

describe("mail headers", () => {
  it("makes a subject with line breaks one line, so it cannot start a header", () => {
    expect(headerText("Invoice\r\nBcc: evil@example.com")).toBe("Invoice Bcc: evil@example.com");
    expect(headerText("a\u2028b\u0000c")).toBe("a b c");
    expect(headerText("x".repeat(500), 10)).toHaveLength(10);
  });

  it("takes plain addresses and refuses line breaks, names and junk", () => {
    expect(parseRecipients("anna@example.com, bo@example.org")).toEqual({ ok: true, addresses: ["anna@example.com", "bo@example.org"] });
    expect(parseRecipients("anna@example.com\r\nBcc: x@y.z")).toMatchObject({ ok: false, reason: /one line/ });
    expect(parseRecipients("Anna <anna@example.com>")).toMatchObject({ ok: false });
    expect(parseRecipients(" ")).toMatchObject({ ok: false, reason: /at least one/ });
  });
});
