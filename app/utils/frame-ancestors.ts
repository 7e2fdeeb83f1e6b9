/**
 * Pages are never framed (CSP `frame-ancestors 'none'`), except a route that says where it may
 * be, from its own data: `handle = { frameAncestors: (data) => "*" }` (a published web form).
 */
export interface FrameableHandle {
  frameAncestors(data: unknown): string | undefined;
}

function isFrameable(handle: unknown): handle is FrameableHandle {
  return typeof handle === "object" && handle !== null && typeof (handle as { frameAncestors?: unknown }).frameAncestors === "function";
}

/**
 * The `frame-ancestors` sources of the deepest route that names them, or undefined (no framing).
 * The route's action data counts too: a page answering a refused post may not run its loader.
 */
export function routeFrameAncestors(
  context: {
    matches: readonly { route: { id: string } }[];
    loaderData?: Record<string, unknown> | null;
    actionData?: Record<string, unknown> | null;
  },
  modules: Record<string, { handle?: unknown } | undefined>,
): string | undefined {
  for (const match of [...context.matches].reverse()) {
    const handle = modules[match.route.id]?.handle;
    const id = match.route.id;
    if (isFrameable(handle)) return handle.frameAncestors(context.loaderData?.[id] ?? context.actionData?.[id]);
  }
  return undefined;
}
