import { afterEach, describe, expect, it, vi } from "vitest";
import { moveCard } from "./move-card";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

describe("moveCard", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("PATCHes the new value with the version the board showed as If-Match", async () => {
    const fetchMock = vi.fn().mockResolvedValue(json({ id: 7, version: 4, stage: "won" }));
    vi.stubGlobal("fetch", fetchMock);
    const result = await moveCard("deals", { id: 7, version: 3 }, "stage", "won");
    expect(result).toEqual({ ok: true, record: { id: 7, version: 4, stage: "won" } });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("/api/t/deals/7");
    expect(init).toMatchObject({ method: "PATCH", body: JSON.stringify({ stage: "won" }) });
    expect((init.headers as Record<string, string>)["If-Match"]).toBe('"3"');
  });

  it("on a conflict reads the card again, so the board shows what is saved", async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json({ error: "Someone else saved this deal" }, 409))
      .mockResolvedValueOnce(json({ id: 7, version: 5, stage: "lost" }));
    vi.stubGlobal("fetch", fetchMock);
    expect(await moveCard("deals", { id: 7, version: 3 }, "stage", "won")).toEqual({
      ok: false,
      conflict: true,
      message: "Someone else saved this deal",
      current: { id: 7, version: 5, stage: "lost" },
    });
  });

  it("says why any other refusal happened", async () => {
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(json({ error: "You may not change deals" }, 403)));
    expect(await moveCard("deals", { id: 7, version: 3 }, "stage", null)).toEqual({
      ok: false,
      conflict: false,
      message: "You may not change deals",
    });
  });
});
