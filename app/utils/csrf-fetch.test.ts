import { describe, expect, it } from "vitest";
import { withCsrfHeader } from "./csrf-fetch";

const origin = "http://crm.example.com";

describe("withCsrfHeader", () => {
  it("adds the token to same-origin mutations", () => {
    const init = withCsrfHeader("/api/t/clients", { method: "POST", headers: { "content-type": "application/json" } }, origin, "tok");
    const headers = new Headers(init?.headers);
    expect(headers.get("X-CSRF-Token")).toBe("tok");
    expect(headers.get("content-type")).toBe("application/json");
  });
  it("reads the method and headers of a Request", () => {
    const request = new Request(`${origin}/t/clients?index`, { method: "POST", headers: { accept: "x/y" } });
    const headers = new Headers(withCsrfHeader(request, undefined, origin, "tok")?.headers);
    expect(headers.get("X-CSRF-Token")).toBe("tok");
    expect(headers.get("accept")).toBe("x/y");
  });
  it("leaves reads, other origins and empty tokens alone", () => {
    expect(withCsrfHeader("/api/t/clients", undefined, origin, "tok")).toBeUndefined();
    const foreign = withCsrfHeader("https://other.example/x", { method: "POST" }, origin, "tok");
    expect(new Headers(foreign?.headers).has("X-CSRF-Token")).toBe(false);
    expect(withCsrfHeader("/x", { method: "POST" }, origin, "")).toEqual({ method: "POST" });
  });
});
