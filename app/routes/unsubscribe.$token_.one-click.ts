import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { ApiError } from "@runtime/errors";
import { getMailings } from "../services/mailings.server";

/**
 * The `List-Unsubscribe` address: a mail provider's one-click unsubscribe POSTs here from its own
 * servers (RFC 8058), with no session and maybe a foreign Origin, so it is a resource route (a
 * page's action would be refused as cross-site). The signed token is the whole authority.
 */
export async function action({ params }: ActionFunctionArgs) {
  try {
    await (await getMailings()).unsubscribe(params.token);
    return new Response("Unsubscribed.\n", { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  } catch (error) {
    if (error instanceof ApiError)
      return new Response(`${error.message}\n`, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
}

/** A mail client that opens the address instead shows the page, which asks first. */
export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/unsubscribe/${encodeURIComponent(params.token ?? "")}`);
}
