import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRole, saveRole } from "@runtime/auth/roles.server";
import { createSession, destroySession, resolveSession } from "@runtime/auth/sessions.server";
import { createToken, resolveToken, revokeToken } from "@runtime/auth/tokens.server";
import { addUser, setPassword, updateUser } from "@runtime/auth/users.server";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";

/**
 * A Bearer request used to run three statements before its own query (the token, the user, a
 * write of "last used") and a fourth for the role. Now they are remembered for seconds, "last
 * used" is written once a minute, and a change made through this process is seen at once.
 */
describe.each(testDatabases)("identities remembered for seconds on $name", (kind) => {
  let database: TestDatabase;
  let rt: Runtime;
  const statements: string[] = [];

  beforeAll(async () => {
    database = await kind.create();
    rt = await createRuntime({ databaseUrl: database.url });
    rt.db.on("query", (q: { sql: string }) => statements.push(q.sql));
  });
  afterAll(async () => {
    await rt?.close();
    await database?.drop();
  });

  const counted = async <T>(fn: () => Promise<T>) => {
    statements.length = 0;
    const value = await fn();
    return { value, statements: [...statements] };
  };

  it("reads a token once, writes 'last used' once a minute, and reads nothing in between", async () => {
    const user = await addUser(rt.db, { name: "Tove", email: "tove@example.com", role: "staff" });
    const { token } = await createToken(rt.db, user.id, "integration");
    const t0 = Date.now();
    const first = await counted(() => resolveToken(rt.db, token, t0));
    expect(first.value?.id).toBe(user.id);
    expect(first.statements.filter((s) => /^update/i.test(s))).toHaveLength(1);
    const again = await counted(() => resolveToken(rt.db, token, t0 + 1_000));
    expect(again.value?.id).toBe(user.id);
    expect(again.statements).toEqual([]);
    // Past the cache but within the minute: read again, no write.
    const later = await counted(() => resolveToken(rt.db, token, t0 + 10_000));
    expect(later.statements.length).toBeGreaterThan(0);
    expect(later.statements.filter((s) => /^update/i.test(s))).toEqual([]);
    const nextMinute = await counted(() => resolveToken(rt.db, token, t0 + 70_000));
    expect(nextMinute.statements.filter((s) => /^update/i.test(s))).toHaveLength(1);
  });

  it("forgets a revoked token and a deactivated user at once", async () => {
    const user = await addUser(rt.db, { name: "Ulf", email: "ulf@example.com", role: "staff" });
    const one = await createToken(rt.db, user.id, "one");
    const two = await createToken(rt.db, user.id, "two");
    expect(await resolveToken(rt.db, one.token)).not.toBeNull();
    expect(await resolveToken(rt.db, two.token)).not.toBeNull();
    await revokeToken(rt.db, one.info.id);
    expect(await resolveToken(rt.db, one.token)).toBeNull();
    expect(await resolveToken(rt.db, two.token)).not.toBeNull();
    // The admin screen changes a user inside a transaction: that forgets the database's cache too.
    await rt.db.transaction((trx) => updateUser(trx, user.id, { active: false }));
    expect(await resolveToken(rt.db, two.token)).toBeNull();
  });

  it("does not remember what a lookup under way read when the token was revoked meanwhile", async () => {
    const user = await addUser(rt.db, { name: "Yrsa", email: "yrsa@example.com", role: "staff" });
    const { token, info } = await createToken(rt.db, user.id, "racing");
    // The lookup reads the token, the revocation lands and forgets, then the lookup reads the user.
    const lookup = resolveToken(rt.db, token);
    await revokeToken(rt.db, info.id);
    await lookup;
    expect(await resolveToken(rt.db, token)).toBeNull();
  });

  it("reads a session once for a few seconds, and sees it end at once: sign-out, a new password, a deactivated user", async () => {
    const user = await addUser(rt.db, { name: "Vera", email: "vera@example.com", role: "staff" });
    const first = await createSession(rt.db, user.id);
    expect((await counted(() => resolveSession(rt.db, first.token))).value?.user.id).toBe(user.id);
    const again = await counted(() => resolveSession(rt.db, first.token));
    expect(again.value?.csrfToken).toBe(first.csrfToken);
    expect(again.statements).toEqual([]);
    await destroySession(rt.db, first.token);
    expect(await resolveSession(rt.db, first.token)).toBeNull();

    const second = await createSession(rt.db, user.id);
    expect(await resolveSession(rt.db, second.token)).not.toBeNull();
    await setPassword(rt.db, user.id, "a-new-password-for-vera");
    expect(await resolveSession(rt.db, second.token)).toBeNull();

    const third = await createSession(rt.db, user.id);
    expect(await resolveSession(rt.db, third.token)).not.toBeNull();
    await rt.db.transaction((trx) => updateUser(trx, user.id, { active: false }));
    expect(await resolveSession(rt.db, third.token)).toBeNull();
  });

  it("sees a role's new rights at once, and hands each caller its own copy", async () => {
    const role = await getRole(rt.db, "staff");
    role.name = "Changed by a caller";
    expect((await getRole(rt.db, "staff")).name).not.toBe("Changed by a caller");
    await saveRole(rt.db, { key: "auditor", name: "Auditor", tables: {} });
    expect((await counted(() => getRole(rt.db, "auditor"))).value.name).toBe("Auditor");
    expect((await counted(() => getRole(rt.db, "auditor"))).statements).toEqual([]);
    await saveRole(rt.db, { key: "auditor", name: "Auditor (read only)", tables: {} });
    expect((await getRole(rt.db, "auditor")).name).toBe("Auditor (read only)");
  });
});
