import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addressDelay,
  FREE_PER_ADDRESS,
  LOCKOUT_MS,
  MAX_PER_ACCOUNT,
  signInFailed,
  takeSignInAttempt,
  WINDOW_MS,
} from "@runtime/auth/rate-limit.server";
import { addUser, resetPassword } from "@runtime/auth/users.server";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";

/** The account lockout's clock, with the time handed in: what a test through HTTP cannot wait for. */
describe.each(testDatabases)("sign-in lockout over time on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  const t0 = new Date("2026-03-02T09:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  const fail = async (email: string, when: Date, ip: string | null = null) => {
    expect(await takeSignInAttempt(rt.db, email, when)).toEqual({ allowed: true });
    await signInFailed(rt.db, email, ip, when);
  };

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  it("locks an account for 15 minutes after its fifth failure, then lets it try again", async () => {
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) await fail("clock@example.com", at(i * 60_000));
    const fifth = at((MAX_PER_ACCOUNT - 1) * 60_000);
    expect(await takeSignInAttempt(rt.db, "clock@example.com", at(WINDOW_MS + 60_000))).toEqual({ allowed: false, retryAfterMinutes: 3 });
    expect(await takeSignInAttempt(rt.db, "clock@example.com", new Date(fifth.getTime() + LOCKOUT_MS - 1000))).toMatchObject({
      allowed: false,
    });
    expect(await takeSignInAttempt(rt.db, "clock@example.com", new Date(fifth.getTime() + LOCKOUT_MS))).toEqual({ allowed: true });
  });

  it("forgets failures older than the window", async () => {
    for (let i = 0; i < MAX_PER_ACCOUNT - 1; i++) await fail("window@example.com", at(0));
    await fail("window@example.com", at(WINDOW_MS + 1000));
    // The window restarted with the fifth failure: one of five, so four more are allowed.
    for (let i = 0; i < MAX_PER_ACCOUNT - 2; i++) await fail("window@example.com", at(WINDOW_MS + 2000));
    expect(await takeSignInAttempt(rt.db, "window@example.com", at(WINDOW_MS + 3000))).toEqual({ allowed: true });
  });

  it("lifts an account's lockout when an administrator resets its password", async () => {
    const user = await addUser(rt.db, { name: "Locked Out", email: "locked@example.com", role: "staff", password: "long-enough-pw-1" });
    const now = new Date();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) await fail("locked@example.com", now);
    expect(await takeSignInAttempt(rt.db, "locked@example.com", now)).toMatchObject({ allowed: false });
    await resetPassword(rt.db, user.id);
    expect(await takeSignInAttempt(rt.db, "locked@example.com", now)).toEqual({ allowed: true });
  });

  it("delays an address after its free failures, and forgets them after the window", async () => {
    for (let i = 0; i < FREE_PER_ADDRESS; i++) await signInFailed(rt.db, `spray-${i}@example.com`, "203.0.113.9", at(0));
    expect(await addressDelay(rt.db, "203.0.113.9", at(1000))).toBeGreaterThan(0);
    expect(await addressDelay(rt.db, "198.51.100.1", at(1000))).toBe(0);
    expect(await addressDelay(rt.db, "203.0.113.9", at(WINDOW_MS + 1000))).toBe(0);
  });
});
