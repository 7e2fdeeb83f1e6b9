import { describe, expect, it, vi } from "vitest";
import { loader } from "./healthz";

const pingDatabase = vi.fn<() => Promise<void>>();
vi.mock("../services/runtime.server", () => ({ pingDatabase: () => pingDatabase() }));

describe("GET /healthz", () => {
  it("answers 200 { ok: true } when the database answers", async () => {
    pingDatabase.mockResolvedValueOnce(undefined);
    const response = await loader();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("answers 503 without details when it does not", async () => {
    pingDatabase.mockRejectedValueOnce(new Error("connect ECONNREFUSED 127.0.0.1:3306"));
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false, error: "database unreachable" });
  });
});
