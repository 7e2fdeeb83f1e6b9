import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createSqliteTestDatabase, type TestDatabase } from "./databases";

/** The first admin every test server is started with (unless the test's env says otherwise). */
export const TEST_ADMIN = { email: "admin@tessera.test", password: "test-admin-password-1" } as const;

export interface AppServer {
  /** e.g. http://localhost:41234, without a trailing slash. */
  url: string;
  /** The server process's id (to find what it started, or kill it the hard way). */
  pid: number;
  stop(): Promise<void>;
  /** Everything the server printed so far, for a failing test's message. */
  output(): string;
}

export interface StartAppServerOptions {
  /** A test database to serve; default: a fresh SQLite file, removed on stop. */
  database?: TestDatabase;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** How long boot (connect, migrate, seed) may take. */
  timeoutMs?: number;
}

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const READY_LINE = /Tessera is running at (http:\/\/localhost:\d+)/;

/**
 * Runs the real server (`node server.mjs`, the production build) on a free port and resolves
 * once `/healthz` answers 200. Needs `npm run build` to have run.
 */
export async function startAppServer(options: StartAppServerOptions = {}): Promise<AppServer> {
  if (!fs.existsSync(path.join(REPO_ROOT, "build", "index.js"))) {
    throw new Error('No server build: run "npm run build" (npm test does) before the end-to-end tests.');
  }
  const ownDatabase = options.database === undefined;
  const database = options.database ?? (await createSqliteTestDatabase());
  const timeoutMs = options.timeoutMs ?? 60_000;

  // PORT=0 lets the OS pick a free port; the server logs the one it got.
  // TESSERA_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server of a
  // bench: Node refuses --cpu-prof in NODE_OPTIONS.
  const nodeArgs = (process.env.TESSERA_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "server.mjs"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      CRM_ADMIN_EMAIL: TEST_ADMIN.email,
      CRM_ADMIN_PASSWORD: TEST_ADMIN.password,
      ...options.env,
      PORT: "0",
      DATABASE_URL: database.url,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (ownDatabase) await database.drop();
  };

  try {
    const url = await waitFor(timeoutMs, async () => {
      if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
      const match = READY_LINE.exec(output);
      if (!match) return undefined;
      const health = await fetch(`${match[1]}/healthz`).catch(() => undefined);
      return health?.ok ? match[1] : undefined;
    });
    return { url, pid: child.pid!, stop, output: () => output };
  } catch (error) {
    await stop();
    throw new Error(`The app server did not start: ${(error as Error).message}\n--- server output ---\n${output}`);
  }
}

async function waitFor<T>(timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
