import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { SYSTEM_ACTOR } from "@runtime/records/permissions";
import { createRuntime } from "@runtime/runtime.server";
import { startAppServer } from "../helpers/app-server";
import { createApiToken } from "../helpers/auth";
import { testDatabases } from "../helpers/databases";
import { smallWorkspace } from "./workspace-schema";

/**
 * Two instances on one database (MariaDB on CI): one is killed with SIGKILL in the middle of a
 * change (a field renamed, the next step not run); the app server beside it must never answer
 * with the old schema's reading of the new columns. It answers 503 until the dead instance's
 * lease on the change runs out, then finishes the change itself and serves the renamed field.
 */
describe("a schema change whose instance was killed half-way, seen from another instance", () => {
  it("answers 503 meanwhile, then finishes the change and serves the data under the new name", async () => {
    const database = await (testDatabases.find((d) => d.name === "mysql") ?? testDatabases[0]).create();
    const rt = await createRuntime({ databaseUrl: database.url });
    await rt.workspace.apply({ baseVersion: 0, schema: smallWorkspace() });
    const acme = await rt.records.create(SYSTEM_ACTOR, "clients", { name: "Acme", email: "a@acme.test", code: "A1" });
    await rt.close();
    const lease = { TESSERA_MIGRATION_LEASE_MS: "1500" };
    const server = await startAppServer({ database, env: lease });
    try {
      const token = await createApiToken(server.url);
      const call = (method: string, url: string, body?: unknown) =>
        fetch(`${server.url}${url}`, {
          method,
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      expect((await call("GET", `/api/t/clients/${acme.id}`)).status).toBe(200);

      const child = spawnSync(process.execPath, ["--import", "tsx", path.resolve(__dirname, "fixtures/apply-and-die.ts"), database.url], {
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, ...lease },
      });
      expect(child.signal, child.stderr).toBe("SIGKILL");

      const during = await call("GET", `/api/t/clients/${acme.id}`);
      expect(during.status).toBe(503);
      expect(((await during.json()) as { error: string }).error).toMatch(/schema change to version 2/);

      const after = await vi.waitFor(
        async () => {
          const answer = await call("GET", `/api/t/clients/${acme.id}`);
          expect(answer.status).toBe(200);
          return (await answer.json()) as Record<string, unknown>;
        },
        { timeout: 30_000, interval: 250 },
      );
      expect(after).toMatchObject({ name: "Acme", mail: "a@acme.test", code: "A1", phone: null });
      expect(after).not.toHaveProperty("email");
      const created = await call("POST", "/api/t/clients", { name: "Globex", mail: "g@globex.test", phone: "+46 8 123 456" });
      expect(created.status).toBe(201);
      expect(server.output()).toContain("Finished schema version 2");
    } finally {
      await server.stop();
      await database.drop();
    }
  }, 120_000);
});
