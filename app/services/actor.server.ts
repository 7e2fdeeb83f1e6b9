import type { Actor } from "@runtime/records/permissions";
import { requireActor } from "./auth.server";

/**
 * Who is making this request: the user of its bearer token or session cookie. Throws the login
 * redirect (pages) or a 401 (API) when there is none; see auth.server.ts.
 */
export async function actorFor(request: Request, options: { mutation?: boolean } = {}): Promise<Actor> {
  return requireActor(request, options);
}
