import { describe, expect, it } from "vitest";
import { fastApiRoute } from "./api-fast-path.server";

describe("fastApiRoute", () => {
  it("maps a list and one record by numeric id to their routes", () => {
    expect(fastApiRoute("GET", "/api/t/clients")).toEqual({ routeId: "routes/api.t.$table", params: { table: "clients" } });
    expect(fastApiRoute("GET", "/api/t/clients/42")).toEqual({
      routeId: "routes/api.t.$table.$id",
      params: { table: "clients", id: "42" },
    });
    expect(fastApiRoute("GET", "/api/t/caf%C3%A9")?.params.table).toBe("café");
  });

  it("leaves every other path, method and undecodable segment to Remix", () => {
    for (const path of [
      "/api/t/clients/",
      "/api/t/clients/export.csv",
      "/api/t/clients/abc",
      "/api/t/clients/42/timeline",
      "/api/t/clients/42/",
      "/api/t/%E0%A4%A",
      "/api/schema",
      "/t/clients",
    ])
      expect(fastApiRoute("GET", path)).toBeNull();
    for (const method of ["HEAD", "POST", "PATCH", "DELETE"]) expect(fastApiRoute(method, "/api/t/clients/1")).toBeNull();
  });
});
