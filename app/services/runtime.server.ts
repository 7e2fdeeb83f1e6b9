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

/** server.mjs awaits this before it listens, so the first request never waits for a migration. */
export async function boot(): Promise<{ database: string }> {
  const runtime = await getRuntime();
  return { database: runtime.database.description };
}

export async function pingDatabase(): Promise<void> {
  await ping((await getRuntime()).db);
}
