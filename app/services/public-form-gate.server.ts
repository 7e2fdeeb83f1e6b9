import { postOriginAllowed } from "@runtime/forms/public-form";
import { getRuntime } from "./runtime.server";

const FORM_PATH = /^\/f\/([^/]+)\/?$/;

/**
 * A post to a published web form, before Remix sees it (authGate calls this): from a site the
 * form does not allow, it is refused with 403. From another site it does allow, its Origin is
 * dropped once checked here, since Remix aborts every document post whose Origin is not this host.
 * Null lets it through; an unknown form is the route's 404.
 */
export async function publicFormGate(request: Request): Promise<Response | null> {
  const slug = FORM_PATH.exec(new URL(request.url).pathname)?.[1];
  if (!slug || request.method.toUpperCase() !== "POST") return null;
  let name: string;
  try {
    name = decodeURIComponent(slug);
  } catch {
    return null; // Not a slug at all ("%E0"): the route answers 404.
  }
  const form = await (await getRuntime()).publicForms.published(name);
  if (!form) return null;
  const url = new URL(request.url);
  const forwardedHost = request.headers.get("x-forwarded-host")?.split(",")[0].trim();
  const selfOrigins = [url.origin, ...(forwardedHost ? [`${url.protocol}//${forwardedHost}`] : [])];
  const origin = request.headers.get("origin");
  if (!postOriginAllowed({ origin, referer: request.headers.get("referer"), selfOrigins }, form.allowedOrigins))
    return new Response(
      "This form cannot be sent from this website. Open the form on the site that publishes it, or at its own address, and send it there.",
      { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } },
    );
  if (origin && !selfOrigins.includes(origin)) request.headers.delete("origin");
  return null;
}
