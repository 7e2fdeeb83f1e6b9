import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The command line as people run it (`npm run crm` is `node bin/crm.mjs`): from its bundle, which
 * the launcher rebuilds when a source is newer, on a SQLite database of its own.
 */
const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-cli-"));
// The shell's locale picks the CLI's language: English here whatever the machine's is.
const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, "cli.sqlite")}`, LANG: "C.UTF-8", LC_ALL: "", LC_MESSAGES: "" };
const crm = (...args: string[]) => run(process.execPath, ["bin/crm.mjs", ...args], { env, cwd: path.resolve(".") });

describe("the crm command line", () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("adds and lists a user from its bundle, and explains a mistake", async () => {
    await crm("migrate");
    const added = await crm("users", "add", "--email", "Anna@Example.com", "--role", "staff", "--password", "a long password 1");
    expect(added.stdout).toMatch(/Added anna <anna@example\.com> \(#\d+\) with the role staff\./i);
    const { stdout } = await crm("users", "list");
    expect(stdout).toMatch(/anna@example\.com\s+staff\s+active/);
    // The launcher ran the bundle, built from the sources it is not older than.
    const bundle = fs.statSync("build/crm.mjs").mtimeMs;
    expect(bundle).toBeGreaterThanOrEqual(fs.statSync("bin/crm.ts").mtimeMs);

    const wrong = await crm("users", "add", "--email", "b@example.com").catch((e: { code: number; stderr: string }) => e);
    expect((wrong as { code: number }).code).not.toBe(0);
    expect((wrong as { stderr: string }).stderr).toMatch(/--role/);
  }, 60_000);

  it("speaks the shell's language", async () => {
    const wrong = await run(process.execPath, ["bin/crm.mjs", "users", "add", "--email", "b@example.com"], {
      env: { ...env, LANG: "sv_SE.UTF-8" },
      cwd: path.resolve("."),
    }).catch((e: { stderr: string }) => e);
    expect((wrong as { stderr: string }).stderr).toMatch(/^--role krävs, t\.ex\. npm run crm -- users add/);
  }, 60_000);
});
