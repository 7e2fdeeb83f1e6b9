import type { LoaderFunctionArgs } from "@remix-run/node";
import { packFileNamed } from "@runtime/i18n/pack-file.server";

/**
 * A language's messages for the browser (app/i18n/language-pack-script.tsx). Public, as the
 * sign-in page needs them; a hashed name never changes, so it is cached for a year.
 */
export function loader({ params }: LoaderFunctionArgs) {
  const named = packFileNamed(params.file ?? "");
  if (!named) return new Response("No such language file: the page links the one it needs.", { status: 404 });
  return new Response(named.file.body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": named.current ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
