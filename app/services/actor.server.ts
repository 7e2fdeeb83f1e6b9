import { SYSTEM_ACTOR, type Actor } from "../../runtime/records/permissions";

/**
 * Who is making this request. Until sign-in exists everyone acts as one anonymous admin; the
 * users-and-roles work replaces the body of this function, and no route needs to change.
 */
export async function actorFor(request: Request): Promise<Actor> {
  void request;
  return { ...SYSTEM_ACTOR, name: "Anonymous", role: "admin" };
}
