import crypto from "node:crypto";

/**
 * Unsubscribe links: `<payload>.<mac>`, the payload naming the mailing and the address, the MAC
 * an HMAC-SHA256 under a key derived from the app's secret for this use alone (a session cookie's
 * signature can never pass as an unsubscribe token, nor the other way round). No expiry: a link
 * in an old message must still work.
 */
export interface UnsubscribeClaim {
  mailingId: number;
  address: string;
}

const keyFor = (secret: string) => crypto.createHmac("sha256", secret).update("tessera:unsubscribe:v1").digest();
const mac = (secret: string, payload: string) => crypto.createHmac("sha256", keyFor(secret)).update(payload).digest("base64url");

/** Signed with the first (newest) secret. */
export function signUnsubscribe(secrets: string[], claim: UnsubscribeClaim): string {
  const payload = Buffer.from(`${claim.mailingId}:${claim.address.toLowerCase()}`).toString("base64url");
  return `${payload}.${mac(secrets[0], payload)}`;
}

/** The claim when the token was made by us with any of the secrets (rotation); null for anything forged, cut or altered. */
export function verifyUnsubscribe(secrets: string[], token: unknown): UnsubscribeClaim | null {
  if (typeof token !== "string" || token.length > 1_000) return null;
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, payload, given] = match;
  const ok = secrets.some((s) => crypto.timingSafeEqual(Buffer.from(mac(s, payload)), Buffer.from(given)));
  if (!ok) return null;
  const text = Buffer.from(payload, "base64url").toString("utf8");
  const sep = text.indexOf(":");
  const mailingId = Number(text.slice(0, sep));
  const address = text.slice(sep + 1);
  if (sep < 1 || !Number.isSafeInteger(mailingId) || !address.includes("@")) return null;
  return { mailingId, address };
}
