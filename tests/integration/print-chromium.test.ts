import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ApiError } from "@runtime/errors";
import { createPdfRenderer, removeStaleChromiumProfiles } from "@runtime/print/pdf.server";
import { DEFAULT_PAGE } from "@runtime/print/template";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken } from "../helpers/auth";

/** The ids of the Chromium processes printing for the app process `pid` (its profile is named after it). */
function chromiumOf(pid: number): number[] {
  const profile = `--user-data-dir=${path.join(os.tmpdir(), `tessera-print-${pid}-`)}`;
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return fs
          .readFileSync(`/proc/${entry}/cmdline`, "utf8")
          .split("\0")
          .some((arg) => arg.startsWith(profile));
      } catch {
        return false; // it ended while we looked
      }
    })
    .map(Number);
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe("Chromium for printing", () => {
  let server: AppServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it("dies with the app when the app is killed with SIGKILL", async () => {
    server = await startAppServer();
    const token = await createApiToken(server.url);
    const auth = { Authorization: `Bearer ${token}` };
    const { rows } = (await (await fetch(`${server.url}/api/t/invoices?pageSize=1`, { headers: auth })).json()) as {
      rows: { id: number }[];
    };
    const pdf = await fetch(`${server.url}/api/print/invoice/${rows[0].id}.pdf`, { headers: auth });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const pid = server.pid;
    expect(chromiumOf(pid).length).toBeGreaterThan(0);

    process.kill(pid, "SIGKILL");
    const gone = await waitUntil(() => chromiumOf(pid).length === 0, 10_000);
    const survivors = chromiumOf(pid);
    for (const survivor of survivors) process.kill(survivor, "SIGKILL");
    expect(gone, `Chromium processes ${survivors.join(", ")} outlived the killed app`).toBe(true);
    // What it leaves is its profile, which the next start removes.
    const profiles = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`tessera-print-${pid}-`));
    expect(profiles()).toHaveLength(1);
    await removeStaleChromiumProfiles();
    expect(profiles()).toEqual([]);
  });

  it("answers 422 with what to change when Chromium takes too long to print", async () => {
    const renderer = createPdfRenderer({ timeoutMs: 1 });
    try {
      const error = await renderer.render({ html: "<p>Invoice</p>", page: DEFAULT_PAGE }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(422);
      expect((error as ApiError).message).toMatch(/took longer than .* print fewer records/);
    } finally {
      await renderer.close();
    }
  });
});
