// The one runtime of the app server, handed the default configuration; every service a route
// uses is one of its members (`(await getRuntime()).print`, `.layouts`, …).
//
// The Remix classic compiler swaps `.server` modules for empty ones in the browser build only
// when they live under app/. runtime/ is outside, so a route importing runtime/*.server directly
// drags knex and the database drivers into the browser bundle (and the build fails). Routes reach
// the runtime through this file instead.
import { ping } from "@runtime/db/connection.server";
import { createRuntime, type Runtime } from "@runtime/runtime.server";
import { DEFAULT_CONFIGURATION } from "@seeds/default-configuration";
import { singleton } from "../singleton.server";

export type { Runtime } from "@runtime/runtime.server";
export { publicStep } from "@runtime/workspace/workspace.server";

/** Connected, migrated and seeded once per process, kept across dev rebuilds. */
export function getRuntime(): Promise<Runtime> {
  return singleton("runtime", () => createRuntime({ seed: DEFAULT_CONFIGURATION, log: (m) => console.log(m), firstAdmin: true }));
}

/**
 * server.mjs awaits this before it listens, so the first request never waits for a migration.
 * It also starts this instance's job workers (batch prints, …), which `runtime.close()` stops.
 */
export async function boot(): Promise<{ database: string }> {
  const runtime = await getRuntime();
  const concurrency = workersFromEnv(process.env.TESSERA_WORKERS);
  singleton("workers", () => {
    if (concurrency === 0) return console.log("Background jobs do not run in this instance (TESSERA_WORKERS=0).");
    let reported = false;
    return runtime.startWorkers({
      concurrency,
      // The workers retry with backoff while the database is away: say so once, not every poll.
      onError: (error) => {
        if (reported) return;
        reported = true;
        console.error("The job workers cannot reach the database; they keep trying:", error instanceof Error ? error.message : error);
      },
    });
  });
  return { database: runtime.database.description };
}

/** `TESSERA_WORKERS`: jobs this instance runs at once; 0 runs none (another instance does). Default 2. */
export function workersFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 2;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0 || n > 32)
    throw new Error(`TESSERA_WORKERS must be the number of background jobs to run at once (0 to 32), not "${raw}"`);
  return n;
}

export async function pingDatabase(): Promise<void> {
  await ping((await getRuntime()).db);
}
