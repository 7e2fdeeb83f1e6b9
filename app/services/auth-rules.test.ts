import { describe, expect, it } from "vitest";
import {
  allowedWhilePasswordMustChange,
  bearerToken,
  isHttpsRequest,
  isPublicFormPath,
  isPublicPath,
  isSameOrigin,
  isSafeMethod,
  loginPath,
  safeNextPath,
  secretsFromEnv,
  sessionCookieOptions,
} from "./auth-rules";

const url = "http://crm.example.com:3000/t/clients";

describe("isSameOrigin", () => {
  it("accepts an Origin naming the request's host and port", () => {
    expect(isSameOrigin({ url, origin: "http://crm.example.com:3000", referer: null })).toBe(true);
  });
  it("refuses another host, another port, and the opaque origin", () => {
    expect(isSameOrigin({ url, origin: "http://evil.example", referer: null })).toBe(false);
    expect(isSameOrigin({ url, origin: "http://crm.example.com:4000", referer: null })).toBe(false);
    expect(isSameOrigin({ url, origin: "null", referer: null })).toBe(false);
  });
  it("falls back to the Referer only when there is no Origin", () => {
    expect(isSameOrigin({ url, origin: null, referer: "http://crm.example.com:3000/t/clients?page=2" })).toBe(true);
    expect(isSameOrigin({ url, origin: null, referer: "https://evil.example/x" })).toBe(false);
    expect(isSameOrigin({ url, origin: "https://evil.example", referer: "http://crm.example.com:3000/" })).toBe(false);
  });
  it("refuses a request naming neither, or garbage", () => {
    expect(isSameOrigin({ url, origin: null, referer: null })).toBe(false);
    expect(isSameOrigin({ url, origin: "not a url", referer: null })).toBe(false);
  });
  it("accepts the host a proxy forwarded", () => {
    expect(
      isSameOrigin({ url: "http://127.0.0.1:3000/x", origin: "https://crm.example.com", referer: null, forwardedHost: "crm.example.com" }),
    ).toBe(true);
  });
});

describe("sessionCookieOptions", () => {
  it("is HttpOnly, SameSite=Lax, path / and Secure only when asked", () => {
    const plain = sessionCookieOptions(["a-long-enough-secret"]);
    expect(plain).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
    expect(sessionCookieOptions(["a-long-enough-secret"], true).secure).toBe(true);
  });
  it("refuses empty or short secrets", () => {
    expect(() => sessionCookieOptions([])).toThrow();
    expect(() => sessionCookieOptions(["short"])).toThrow();
  });
  it("reads rotated secrets from SESSION_SECRET", () => {
    expect(secretsFromEnv(" new-secret , old-secret ")).toEqual(["new-secret", "old-secret"]);
    expect(secretsFromEnv("")).toBeNull();
    expect(secretsFromEnv(undefined)).toBeNull();
  });
});

describe("isHttpsRequest", () => {
  it("reads the URL and the first X-Forwarded-Proto", () => {
    expect(isHttpsRequest("https://a.example/", null)).toBe(true);
    expect(isHttpsRequest("http://a.example/", "https, http")).toBe(true);
    expect(isHttpsRequest("http://a.example/", "http")).toBe(false);
    expect(isHttpsRequest("http://a.example/", null)).toBe(false);
  });
});

describe("paths", () => {
  it("keeps only login, healthz, the language files and signed unsubscribe links public", () => {
    expect(isPublicPath("/login")).toBe(true);
    expect(isPublicPath("/healthz")).toBe(true);
    expect(isPublicPath("/")).toBe(false);
    expect(isPublicPath("/api/t/clients")).toBe(false);
    expect(isPublicPath("/login-as-admin")).toBe(false);
    expect(isPublicPath("/unsubscribe/abc.def")).toBe(true);
    expect(isPublicPath("/unsubscribe")).toBe(false);
    expect(isPublicPath("/i18n/sv.3f2a9c01d4e6.json")).toBe(true);
    expect(isPublicPath("/i18n/sv.json")).toBe(true);
    expect(isPublicPath("/i18n/")).toBe(false);
    expect(isPublicPath("/i18n/../t/clients.json")).toBe(false);
  });
  it("opens published web forms at /f/<slug>, and nothing deeper", () => {
    expect(isPublicFormPath("/f/contact-us")).toBe(true);
    expect(isPublicFormPath("/f/contact-us/")).toBe(true);
    expect(isPublicFormPath("/f/")).toBe(false);
    expect(isPublicFormPath("/f/contact-us/../../admin")).toBe(false);
    expect(isPublicFormPath("/fx/contact-us")).toBe(false);
  });
  it("lets a user who must change the password reach only that page", () => {
    expect(allowedWhilePasswordMustChange("/account/password")).toBe(true);
    expect(allowedWhilePasswordMustChange("/t/clients")).toBe(false);
  });
  it("sends back only to paths on this site", () => {
    expect(safeNextPath("/t/clients?page=2")).toBe("/t/clients?page=2");
    expect(safeNextPath("//evil.example")).toBe("/");
    expect(safeNextPath("/\\evil.example")).toBe("/");
    expect(safeNextPath("https://evil.example")).toBe("/");
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath("/logout")).toBe("/");
  });
  it("builds the login address with the page to return to, without Remix's _data", () => {
    expect(loginPath(new URL("http://x/t/clients?q=a&_data=routes%2Ft"))).toBe("/login?next=%2Ft%2Fclients%3Fq%3Da");
    expect(loginPath(new URL("http://x/"))).toBe("/login");
  });
});

describe("small parsers", () => {
  it("reads a bearer token", () => {
    expect(bearerToken("Bearer tsr_abc")).toBe("tsr_abc");
    expect(bearerToken("bearer   tsr_abc ")).toBe("tsr_abc");
    expect(bearerToken("Basic abc")).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
  it("knows the safe methods", () => {
    expect(isSafeMethod("get")).toBe(true);
    expect(isSafeMethod("HEAD")).toBe(true);
    expect(isSafeMethod("POST")).toBe(false);
    expect(isSafeMethod("DELETE")).toBe(false);
  });
});
