import { describe, expect, it, vi } from "vitest";
import { singleton } from "./singleton.server";

describe("singleton", () => {
  it("makes a value once and answers the same one after the module is loaded again", async () => {
    const make = vi.fn(() => ({ made: true }));
    const first = singleton("test:once", make);
    vi.resetModules();
    const reloaded = (await import("./singleton.server")).singleton;
    expect(reloaded("test:once", make)).toBe(first);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it("keeps values apart by name", () => {
    expect(singleton("test:a", () => "a")).toBe("a");
    expect(singleton("test:b", () => "b")).toBe("b");
  });

  it("forgets a promise that rejected, so the next call makes a new one", async () => {
    const failing = singleton("test:retry", () => Promise.reject(new Error("database down")));
    await expect(failing).rejects.toThrow("database down");
    const next = singleton("test:retry", () => Promise.resolve("connected"));
    expect(next).not.toBe(failing);
    await expect(next).resolves.toBe("connected");
  });

  it("keeps a promise that resolved", async () => {
    const ready = singleton("test:kept", () => Promise.resolve(1));
    await ready;
    expect(singleton("test:kept", () => Promise.resolve(2))).toBe(ready);
  });
});
