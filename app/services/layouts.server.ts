import { createLayoutsService, type LayoutsService } from "@runtime/layouts/layouts.server";
import { getRuntime } from "./runtime.server";

export type { LayoutsService, StoredLayout } from "@runtime/layouts/layouts.server";

// Stateless over the runtime's database and workspace, so one per process is enough.
const globalForLayouts = globalThis as unknown as { __tesseraLayouts?: LayoutsService };

/** Card layouts per table (routes reach the runtime only through server modules under app/). */
export async function getLayouts(): Promise<LayoutsService> {
  if (!globalForLayouts.__tesseraLayouts) {
    const runtime = await getRuntime();
    globalForLayouts.__tesseraLayouts = createLayoutsService(runtime.db, runtime.workspace);
  }
  return globalForLayouts.__tesseraLayouts;
}
