import { beforeEach, describe, expect, it, vi } from "vitest";
import { conflict } from "@runtime/errors";
import { action as planAction, loader as planLoader } from "./api.schema.plan";
import { action, loader } from "./api.schema";

// Loosely typed on purpose: the routes must pick the documented fields out of richer answers.
const workspace = {
  current: vi.fn<() => Promise<unknown>>(),
  plan: vi.fn<(input: unknown, t?: (key: string, values?: Record<string, unknown>) => string) => Promise<unknown>>(),
  apply: vi.fn<(input: unknown) => Promise<unknown>>(),
};
vi.mock("../services/runtime.server", async (original) => ({
  ...(await original<object>()),
  getRuntime: async () => ({ dialect: "sqlite", workspace }),
}));
// These tests are about the body and the runtime's answers; who may call is proven over HTTP (tests/integration/permission-matrix.test.ts).
vi.mock("../services/actor.server", async () => {
  const { SYSTEM_ACTOR } = await import("@runtime/records/permissions");
  return { actorFor: async () => SYSTEM_ACTOR };
});

const schema = { $schema: "https://json-schema.org/draft/2020-12/schema", $defs: {} };
const call = (method: string, body?: unknown) => ({
  request: new Request("http://test/api/schema", {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
  }),
  params: {},
  context: {},
});

beforeEach(() => {
  workspace.current.mockReset();
  workspace.plan.mockReset();
  workspace.apply.mockReset();
});

describe("/api/schema", () => {
  it("GET answers the current version and schema, nothing internal", async () => {
    workspace.current.mockResolvedValue({ version: 7, schema, compiled: { tables: [] } });
    const response = await loader(call("GET"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ version: 7, schema });
  });

  it("PUT applies the body as the signed-in actor and answers the new version", async () => {
    workspace.apply.mockResolvedValue({ version: 8, results: [{ step: 0, ok: true }] });
    const response = await action(call("PUT", { baseVersion: 7, schema, confirmDestructive: true }));
    expect(await response.json()).toEqual({ version: 8 });
    expect(workspace.apply).toHaveBeenCalledWith({ baseVersion: 7, schema, confirmDestructive: true, actorId: null });
  });

  it("PUT passes the runtime's conflict through as 409", async () => {
    workspace.current.mockResolvedValue({ version: 9, schema, compiled: {} });
    workspace.apply.mockRejectedValue(conflict("the schema changed since version 7", { currentVersion: 9 }));
    const response = await action(call("PUT", { baseVersion: 7, schema }));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: "the schema changed since version 7", details: { currentVersion: 9 } });
  });

  it("PUT refuses a body without baseVersion and never calls the runtime", async () => {
    const response = await action(call("PUT", { schema }));
    expect(response.status).toBe(400);
    expect(workspace.apply).not.toHaveBeenCalled();
  });

  it("answers 405 for POST", async () => {
    const response = await action(call("POST", {}));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, PUT, HEAD");
  });
});

describe("/api/schema/plan", () => {
  it("POST answers the planned steps as { op, destructive, description } with the dry run", async () => {
    const step = { op: "dropField", destructive: true, description: "Remove field Fax from Clients" };
    workspace.plan.mockResolvedValue({
      baseVersion: 3,
      schema,
      plan: { fromVersion: 3, steps: [{ ...step, table: "clients", field: { "x-id": "f_fax" } }] },
      destructive: true,
      conversions: [],
      duplicates: [],
    });
    const response = await planAction(call("POST", { baseVersion: 3, schema }));
    expect(await response.json()).toEqual({ steps: [step], destructive: true, conversions: [], duplicates: [] });
    expect(workspace.plan).toHaveBeenCalledWith({ baseVersion: 3, schema }, expect.any(Function));
    // The steps are said in the request's language: English here.
    const words = vi.mocked(workspace.plan).mock.calls[0][1]!;
    expect(words("schemaDesigner.plan.dropSearch", { table: "“Clients”" })).toBe("Drop the quick-search index of “Clients”");
  });

  it("POST reports the values a kind change would not convert, and duplicates under a new unique rule", async () => {
    const conversions = [{ table: "clients", field: "Phone", total: 1, failures: [{ id: 4, value: "abc", error: "not a number" }] }];
    const duplicates = [{ table: "clients", fields: ["email"], values: [{ value: ["a@b.c"], count: 2 }] }];
    workspace.plan.mockResolvedValue({
      baseVersion: 3,
      schema,
      plan: { fromVersion: 3, steps: [] },
      destructive: false,
      conversions,
      duplicates,
    });
    const body = (await (await planAction(call("POST", { baseVersion: 3, schema }))).json()) as Record<string, unknown>;
    expect(body.conversions).toEqual(conversions);
    expect(body.duplicates).toEqual(duplicates);
  });

  it("POST passes a stale base version through as 409 with the current version", async () => {
    workspace.plan.mockRejectedValue(conflict("the schema changed since version 3", { currentVersion: 4 }));
    const response = await planAction(call("POST", { baseVersion: 3, schema }));
    expect(response.status).toBe(409);
    expect(((await response.json()) as { details: unknown }).details).toEqual({ currentVersion: 4 });
  });

  it("GET is not allowed", async () => {
    const response = await planLoader(call("GET"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});
