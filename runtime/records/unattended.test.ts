import { describe, expect, it } from "vitest";
import { leaveRunning, unattendedReads } from "./context.server";

/** A read that ends when the test says so. */
function pendingRead<T>() {
  let finish!: (value: T) => void;
  let fail!: (error: Error) => void;
  const read = new Promise<T>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { read, finish, fail };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("reads left running", () => {
  it("are waited for until each has ended, also those left while waiting", async () => {
    const ctx = { unattended: new Set<Promise<unknown>>() };
    const count = pendingRead<number>();
    const nextPage = pendingRead<string[]>();
    leaveRunning(ctx, count.read);
    let settled = false;
    const settling = unattendedReads(ctx).then(() => (settled = true));

    count.finish(42);
    leaveRunning(ctx, nextPage.read);
    await tick();
    expect(settled).toBe(false);

    nextPage.finish([]);
    await settling;
    expect(ctx.unattended.size).toBe(0);
  });

  it("swallow a failure nobody awaits, yet hand it to a caller who does", async () => {
    const ctx = { unattended: new Set<Promise<unknown>>() };
    const count = pendingRead<number>();
    const read = leaveRunning(ctx, count.read);
    count.fail(new Error("connection lost"));
    await unattendedReads(ctx);
    await expect(read).rejects.toThrow("connection lost");
  });

  it("end at once when nothing is running", async () => {
    await expect(unattendedReads({ unattended: new Set() })).resolves.toBeUndefined();
  });
});
