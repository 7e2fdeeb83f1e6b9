import type { LayoutsService } from "@runtime/layouts/layouts.server";
import { getRuntime } from "./runtime.server";

export type { LayoutsService, StoredLayout } from "@runtime/layouts/layouts.server";

/** Card layouts per table (routes reach the runtime only through server modules under app/). */
export async function getLayouts(): Promise<LayoutsService> {
  return (await getRuntime()).layouts;
}
