/* Tessera's service worker (docs/decisions/033-offline-app.md).
 *
 * - The app shell (fingerprinted /build/ files and language files, icons, manifest) is served
 *   from the cache first: a fingerprinted file never changes under its name.
 * - Lists (/t/<table>) and cards (/t/<table>/<id>) a user opened, as documents and as Remix data
 *   requests, are fetched from the network first; only when that fails is the copy kept from the
 *   last visit served, and the page is told so (a message), which shows the offline banner.
 * - Nothing else is cached: no writes (only GET is ever looked at), no /login, no API, no other page.
 * - Signing out (POST /logout) or reaching the sign-in page deletes the copies of pages, so the
 *   next person on this device cannot read the last one's records.
 */
const SHELL = "tessera-shell-v1";
const PAGES = "tessera-pages-v1";
const SHELL_FILES = ["/manifest.webmanifest", "/favicon.svg", "/icon-192.png", "/icon-512.png"];
/** When a copy was kept: the cached response carries it, the banner shows it. */
const KEPT_AT = "X-Tessera-Kept-At";
/** Copies of pages kept at most, oldest dropped first. */
const MAX_PAGES = 60;
/** A page's document is fetched again beside its data at most this often (see keepDocumentOf). */
const DOCUMENT_AGE_MS = 60_000;

/** Document or data request of a list or a card: `/t/clients`, `/t/clients/7` (not /new, not exports). */
function isRecordPage(url) {
  return url.origin === self.location.origin && /^\/t\/[^/]+(\/\d+)?\/?$/.test(url.pathname);
}

/** A language's messages under their hashed name (`/i18n/sv.3f2a9c01d4e6.json`): as fixed as a build file. */
const LANGUAGE_FILE = /^\/i18n\/[\w-]+\.[0-9a-f]{12}\.json$/;

function isShellFile(url) {
  return (
    url.origin === self.location.origin &&
    (url.pathname.startsWith("/build/") || LANGUAGE_FILE.test(url.pathname) || SHELL_FILES.includes(url.pathname))
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(SHELL_FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith("tessera-") && n !== SHELL && n !== PAGES).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

/** Which client was shown a kept copy, and from when: the page asks once it has loaded. */
const shownCopies = new Map();

/** Bumped on sign-out: a copy still being written from before then is dropped, not kept. */
let generation = 0;

async function forgetPages() {
  generation++;
  await caches.delete(PAGES);
  shownCopies.clear();
}

async function tell(clientId, message) {
  if (!clientId) return;
  const client = await self.clients.get(clientId);
  client?.postMessage(message);
}

/** `startedIn`: the generation when the request for it went out; a sign-out since then drops it. */
async function keep(request, response, startedIn) {
  const headers = new Headers(response.headers);
  headers.set(KEPT_AT, new Date().toISOString());
  const body = await response.blob();
  if (startedIn !== generation) return;
  const cache = await caches.open(PAGES);
  // Signed out while the cache was opening: opening made it again, so it goes again.
  if (startedIn !== generation) return void (await caches.delete(PAGES));
  await cache.put(request, new Response(body, { status: response.status, statusText: response.statusText, headers }));
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) await cache.delete(old);
}

/**
 * A card opened from a list arrives as data (`?_data=…`), not as a document, and a document is
 * what a reload without a network needs. So beside the data, its document is fetched and kept too,
 * unless a copy younger than DOCUMENT_AGE_MS is there already.
 */
async function keepDocumentOf(url) {
  const startedIn = generation;
  const documentUrl = new URL(url);
  documentUrl.searchParams.delete("_data");
  // caches.match, not caches.open: opening would make the cache again right after a sign-out deleted it.
  const kept = await caches.match(documentUrl.href, { cacheName: PAGES });
  const keptAt = Date.parse(kept?.headers.get(KEPT_AT) ?? "");
  if (kept && Date.now() - keptAt < DOCUMENT_AGE_MS) return;
  const response = await fetch(documentUrl.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
  if (response.status === 200 && !response.redirected && (response.headers.get("Content-Type") ?? "").startsWith("text/html"))
    await keep(documentUrl.href, response, startedIn);
}

async function networkFirst(event) {
  const { request } = event;
  const isDocument = request.mode === "navigate";
  const startedIn = generation;
  try {
    const response = await fetch(request);
    // Only a page the server rendered for this user is worth keeping: not a redirect to /login.
    if (response.status === 200 && !response.redirected && response.type === "basic")
      event.waitUntil(keep(request, response.clone(), startedIn));
    if (!isDocument) {
      event.waitUntil(tell(event.clientId, { type: "tessera:live" }));
      if (response.status === 200) event.waitUntil(keepDocumentOf(request.url).catch(() => undefined));
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request, { cacheName: PAGES });
    if (!cached) throw error;
    const keptAt = cached.headers.get(KEPT_AT);
    if (isDocument) shownCopies.set(event.resultingClientId, keptAt);
    else event.waitUntil(tell(event.clientId, { type: "tessera:offline-copy", keptAt }));
    return cached;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === "/logout") {
    event.waitUntil(forgetPages());
    return;
  }
  if (request.method !== "GET") return;
  if (url.pathname === "/login") {
    event.waitUntil(forgetPages());
    return;
  }
  if (isShellFile(url)) return event.respondWith(cacheFirst(request));
  if (isRecordPage(url) && (request.mode === "navigate" || url.searchParams.has("_data"))) event.respondWith(networkFirst(event));
});

self.addEventListener("message", (event) => {
  const data = event.data ?? {};
  const source = event.source;
  if (data.type === "tessera:which-copy" && source) {
    const keptAt = shownCopies.get(source.id);
    shownCopies.delete(source.id);
    source.postMessage(keptAt ? { type: "tessera:offline-copy", keptAt } : { type: "tessera:live" });
  } else if (data.type === "tessera:keep-shell" && Array.isArray(data.urls)) {
    // The files the page loaded before this worker controlled it.
    const urls = data.urls.filter((u) => isShellFile(new URL(u, self.location.origin)));
    event.waitUntil(caches.open(SHELL).then((cache) => Promise.all(urls.map((u) => cache.match(u).then((hit) => hit || cache.add(u))))));
  } else if (data.type === "tessera:forget-pages") {
    event.waitUntil(forgetPages());
  }
});
