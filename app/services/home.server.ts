/**
 * The home page: the configured panels (runtime/home) the person's role is given, and the card
 * views its "recently opened" panel reads back.
 */
import type { Actor } from "@runtime/records/permissions";
import type { HomeView } from "@runtime/home/home-view";
import { actorFor } from "./actor.server";
import { getRuntime } from "./runtime.server";

/** `language`: the reader's, for the panels' titles an admin translated. */
export async function homeFor(actor: Actor, language: string, now: Date = new Date()): Promise<HomeView> {
  return (await getRuntime()).home.view(actor, now, language);
}

/** Notes that the request's user opened the card of `table`/`id` (after the card loaded, so they may read it). */
export async function noteCardOpened(request: Request, table: string, id: unknown): Promise<void> {
  await (await getRuntime()).home.recordOpened(await actorFor(request), table, id);
}
