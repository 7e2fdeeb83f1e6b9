import { describe, expect, it } from "vitest";
import { signUnsubscribe, verifyUnsubscribe } from "./unsubscribe-token";

const SECRETS = ["a-long-enough-secret-1234", "an-older-secret-5678901"];

describe("unsubscribe tokens", () => {
  it("round-trips, and an older secret still verifies after rotation", () => {
    const token = signUnsubscribe(SECRETS, { mailingId: 7, address: "Anna@Example.com" });
    expect(verifyUnsubscribe(SECRETS, token)).toEqual({ mailingId: 7, address: "anna@example.com" });
    const old = signUnsubscribe([SECRETS[1]], { mailingId: 7, address: "bo@example.com" });
    expect(verifyUnsubscribe(SECRETS, old)).toEqual({ mailingId: 7, address: "bo@example.com" });
    expect(verifyUnsubscribe(["another-secret-entirely-00"], token)).toBeNull();
  });

  it("refuses a forged, altered or cut token", () => {
    const token = signUnsubscribe(SECRETS, { mailingId: 7, address: "anna@example.com" });
    const [payload, mac] = token.split(".");
    const other = Buffer.from("7:victim@example.com").toString("base64url");
    expect(verifyUnsubscribe(SECRETS, `${other}.${mac}`)).toBeNull();
    expect(verifyUnsubscribe(SECRETS, `${payload}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(verifyUnsubscribe(SECRETS, payload)).toBeNull();
    expect(verifyUnsubscribe(SECRETS, `${payload}.${mac}x`)).toBeNull();
    expect(verifyUnsubscribe(SECRETS, undefined)).toBeNull();
  });
});
