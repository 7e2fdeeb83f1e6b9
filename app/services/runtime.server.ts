// The Remix classic compiler swaps `.server` modules for empty ones in the browser build only
// when they live under app/. runtime/ is outside, so a route importing runtime/*.server directly
// drags knex and the database drivers into the browser bundle (and the build fails). Routes import
// the runtime through this file instead.
export { getRuntime, pingDatabase } from "@runtime/runtime.server";
export type { Runtime } from "@runtime/runtime.server";
export { publicStep } from "@runtime/workspace/workspace.server";
