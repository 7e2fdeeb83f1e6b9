import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeStaleChromiumProfiles } from "./pdf.server";

describe("removeStaleChromiumProfiles", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-profiles-test-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("removes the profiles of app processes that are gone, and only those", async () => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    const mine = `tessera-print-${process.pid}-a1`;
    const anotherApp = `tessera-print-${process.ppid}-b2`;
    const stale = `tessera-print-${gone}-c3`;
    for (const name of [mine, anotherApp, stale, "something-else"]) fs.mkdirSync(path.join(dir, name, "Default"), { recursive: true });

    expect(await removeStaleChromiumProfiles(dir)).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual([anotherApp, mine, "something-else"].sort());
  });
});
