import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./content-security-policy";

describe("contentSecurityPolicy", () => {
  it("allows scripts only from this site and with the nonce, never inline without it", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toContain("'unsafe-inline' ;");
    expect(csp.split("; ").find((d) => d.startsWith("script-src"))).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
  });
  it("lets frames show only this site and blob: PDFs (the print designer's preview)", () => {
    expect(contentSecurityPolicy("n")).toContain("frame-src 'self' blob:");
  });
  it("lets a page be framed only where it says (a published web form)", () => {
    expect(contentSecurityPolicy("n", { frameAncestors: "'self' https://a.example" })).toContain(
      "frame-ancestors 'self' https://a.example;",
    );
    expect(contentSecurityPolicy("n", { frameAncestors: undefined })).toContain("frame-ancestors 'none'");
  });
  it("lets the service worker and the manifest load from this site only", () => {
    const csp = contentSecurityPolicy("n");
    expect(csp).toContain("worker-src 'self';");
    expect(csp).toContain("manifest-src 'self';");
  });
  it("adds unsafe-eval only when asked", () => {
    expect(contentSecurityPolicy("n", { allowEval: true })).toContain("'nonce-n' 'unsafe-eval'");
  });
});
