import crypto from "node:crypto";
import { PassThrough } from "node:stream";

import type { ActionFunctionArgs, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import type { ReactElement } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";

import { removeStaleChromiumProfiles } from "@runtime/print/pdf.server";
import { boardView, calendarView } from "./components/list/lazy-views";
import { NonceContext } from "./components/nonce-context";
import { languageOf, translatorOf } from "./services/i18n.server";
import { boot as bootRuntime, getRuntime } from "./services/runtime.server";
import { routeAllowsEval } from "./utils/browser-eval";
import { routeFrameAncestors } from "./utils/frame-ancestors";
import { contentSecurityPolicy } from "./utils/content-security-policy";

/**
 * server.mjs awaits this before it listens, so the first request never waits for a migration.
 * It also clears the Chromium profiles of a run that was killed while printing.
 */
export async function boot(): Promise<{ database: string }> {
  const booted = await bootRuntime();
  removeStaleChromiumProfiles().catch((error: unknown) => console.error("Could not remove stale Chromium profiles:", error));
  return booted;
}
// server.mjs runs this before Remix for every request that is not a static file.
export { authGate } from "./services/auth.server";
export { inRequestScope, serverTimingHeader } from "./services/request-scope.server";
// …and this, to answer the hottest API reads with their route's loader without Remix's router.
export { fastApiRoute } from "./services/api-fast-path.server";
export { jsonTextOf } from "./utils/api.server";

/**
 * Called by server.mjs after the last request: stops the job workers (a job still running goes back
 * to the queue), closes Chromium and releases the database (a SQLite WAL checkpoint).
 */
export async function shutdown(): Promise<void> {
  await (await getRuntime()).close();
}

const ABORT_DELAY = 5_000;

// The server has every view's code in its bundle: loaded once here, a board or calendar page
// renders at once instead of suspending, so it can take the whole-string path below.
// Should one fail, its first page suspends and takes the stream, which loads it as it always did.
Promise.all([boardView.preload(), calendarView.preload()]).catch((error: unknown) =>
  console.error("Could not load a list view's code", error),
);

/** React's mark of a Suspense boundary it left for the browser to render (suspended or failed). */
const CLIENT_RENDERED_BOUNDARY = "<!--$!";

/**
 * A wrong URL or method is the client's mistake, not ours: keep the log for real failures.
 * (Remix's default logs every 404 with a stack.)
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}

/** The page as one string, or null when the stream should render it (see handleRequest). */
function wholeOrNull(page: ReactElement): string | null {
  try {
    const whole = renderToString(page);
    return whole.includes(CLIENT_RENDERED_BOUNDARY) ? null : whole;
  } catch {
    return null;
  }
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const translator = translatorOf(await languageOf(request));
  // Bots and no-JS clients get the whole document at once; browsers get the shell as soon as it is ready.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  // A fresh nonce per page: only the scripts Remix renders carry it.
  const nonce = crypto.randomBytes(16).toString("base64");
  // Only the pages whose routes ask for it (app/utils/browser-eval.ts) may eval.
  const allowEval = remixContext.staticHandlerContext.matches.some((m) => routeAllowsEval(remixContext.routeModules[m.route.id]?.handle));
  const frameAncestors = routeFrameAncestors(remixContext.staticHandlerContext, remixContext.routeModules);
  responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce, { allowEval, frameAncestors }));
  // The page depends on the language, which may come from Accept-Language.
  responseHeaders.append("Vary", "Accept-Language");
  const page = (
    <I18nextProvider i18n={translator}>
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>
    </I18nextProvider>
  );
  // A page with nothing left to wait for (nearly all: no route defers data) is rendered as one
  // string: the stream encodes every tag and attribute into bytes on its own, a fifth of a list
  // page's render (docs/decisions/034-http-hot-path.md). A boundary still waiting or failed is
  // left to the stream, which waits for it, logs an error and says 500 as before; so is a page
  // whose render throws, which the stream reports as it always has.
  const whole = wholeOrNull(page);
  if (whole !== null) {
    responseHeaders.set("Content-Type", "text/html");
    // The stream writes the doctype itself when the root is <html>; the string renderer does not.
    return new Response(`<!DOCTYPE html>${whole}`, { headers: responseHeaders, status: responseStatusCode });
  }
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const respond = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html");
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(page, {
      nonce,
      onShellReady: waitForAll ? undefined : respond,
      onAllReady: waitForAll ? respond : undefined,
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Errors before the shell is rendered reject above and are logged by Remix itself.
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}
