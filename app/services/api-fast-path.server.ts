/**
 * The record reads integrations make most — a list and one record — mapped to the route and
 * params Remix would give them, without Remix's router. That router flattens and ranks all of the
 * app's routes twice per request (`matchRoutes`), which was a quarter of the server's CPU on these
 * reads in bench:http (docs/decisions/034-http-hot-path.md). server.mjs calls the route's own
 * loader with what this answers, after the same sign-in gate, so permissions, errors and headers
 * are the route's. Only GET, and only paths no other route can match: `/api/t/<table>` and
 * `/api/t/<table>/<digits>`. Everything else, a segment that does not decode included, goes
 * through Remix.
 */

export interface FastApiRoute {
  /** A route id of the build (`build.routes[routeId]`). */
  routeId: "routes/api.t.$table" | "routes/api.t.$table.$id";
  params: { table: string; id?: string };
}

const LIST = /^\/api\/t\/([^/]+)$/;
const ONE = /^\/api\/t\/([^/]+)\/(\d{1,15})$/;

export function fastApiRoute(method: string, pathname: string): FastApiRoute | null {
  if (method !== "GET" || !pathname.startsWith("/api/t/")) return null;
  const one = ONE.exec(pathname);
  if (one) {
    const table = decoded(one[1]);
    return table === null ? null : { routeId: "routes/api.t.$table.$id", params: { table, id: one[2] } };
  }
  const list = LIST.exec(pathname);
  if (!list) return null;
  const table = decoded(list[1]);
  return table === null ? null : { routeId: "routes/api.t.$table", params: { table } };
}

/** As Remix decodes a path segment into a param; null where it would not (Remix then answers). */
function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
