/**
 * Registers public/sw.js (docs/decisions/033-offline-app.md) in production builds only: in
 * development a worker would serve yesterday's bundle after every rebuild. Once it controls the
 * page it is handed the build files this page already loaded (they came before it), so the app
 * shell is complete for the next time there is no network.
 */
export const SERVICE_WORKER_URL = "/sw.js";

/** A language's messages under their hashed name, as fixed as a build file (public/sw.js says the same). */
const LANGUAGE_FILE = /^\/i18n\/[\w-]+\.[0-9a-f]{12}\.json$/;

export function shellFilesLoaded(entries: readonly { name: string }[], origin: string): string[] {
  return entries
    .map((e) => new URL(e.name, origin))
    .filter((u) => u.origin === origin && (u.pathname.startsWith("/build/") || LANGUAGE_FILE.test(u.pathname)))
    .map((u) => u.pathname);
}

export function registerServiceWorker(win: Window = window): void {
  if (process.env.NODE_ENV !== "production" || !("serviceWorker" in win.navigator)) return;
  const container = win.navigator.serviceWorker;
  container
    .register(SERVICE_WORKER_URL, { scope: "/" })
    .then(() => container.ready)
    .then((registration) => {
      const urls = shellFilesLoaded(win.performance.getEntriesByType("resource"), win.location.origin);
      registration.active?.postMessage({ type: "tessera:keep-shell", urls });
    })
    .catch((error: unknown) => console.warn("The offline copy could not be set up:", error));
}

/** Asks the worker whether this document is a copy it kept (it answers with a message). */
export function askWhichCopy(win: Window = window): void {
  win.navigator.serviceWorker?.controller?.postMessage({ type: "tessera:which-copy" });
}
