// Tessera's HTTP server: static assets plus the Remix request handler, started only once the
// runtime has booted (database connected, migrated, seeded), so the first request never races it.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import url from "node:url";

import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express from "express";
import proxyAddr from "proxy-addr";

// Like remix-serve: production unless told otherwise, so React and Remix run their fast paths.
// Set before the build (and with it React) is imported below.
process.env.NODE_ENV ??= "production";

const BUILD_PATH = path.resolve("build/index.js");
const VERSION_PATH = path.resolve("build/version.txt");
const SHUTDOWN_GRACE_MS = 10_000;
const isDevelopment = process.env.NODE_ENV === "development";

/** The database in words for the log, without a password. */
function describeDatabase(databaseUrl) {
  if (!databaseUrl) return "SQLite, data/tessera.sqlite";
  if (databaseUrl.startsWith("sqlite:")) return `SQLite, ${databaseUrl.slice("sqlite:".length)}`;
  try {
    const parsed = new URL(databaseUrl);
    return `${parsed.protocol.replace(/:$/, "")}://${parsed.host}${parsed.pathname}`;
  } catch {
    return "the configured DATABASE_URL";
  }
}

function failToStart(error) {
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `\nTessera could not start: ${reason}\n` +
      `Database: ${describeDatabase(process.env.DATABASE_URL)}. If the problem is the database, check that ` +
      `DATABASE_URL is right and the server is running and reachable (for the embedded SQLite default, that ` +
      `the data/ folder is writable). Otherwise make sure "npm run build" has run. Set DEBUG=1 for the stack.\n\n`,
  );
  if (error instanceof Error && error.stack && process.env.DEBUG) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}

async function importBuild() {
  if (!fs.existsSync(BUILD_PATH)) throw new Error(`no server build at ${BUILD_PATH}; run "npm run build" first`);
  // The query string busts Node's module cache so a dev rebuild is picked up.
  const href = url.pathToFileURL(BUILD_PATH).href;
  return import(isDevelopment ? `${href}?t=${fs.statSync(BUILD_PATH).mtimeMs}` : href);
}

/** A host name or an IP address (IPv6 in brackets), and a port. */
const HOST_HEADER = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(:\d{1,5})?$/;

/**
 * The request's URL as Remix sees it. A Host header that is not a host is the client's mistake:
 * one with a path or a query in it would still parse, and route as another path than the one
 * the server dispatched on. HTTP/1.0 needs none (a load balancer's health check often sends
 * none; Node refuses an HTTP/1.1 request without one).
 */
function requestUrl(req, protocol) {
  const host = req.headers.host ?? "localhost";
  if (!HOST_HEADER.test(host)) {
    const error = new Error(`the Host header "${host.slice(0, 100)}" is not a host name`);
    throw Object.assign(error, { status: 400, expose: true });
  }
  return new URL(`${protocol}://${host}${req.url}`);
}

// What @remix-run/express does inside its handler (it does not export these): a Fetch Request from
// Node's, and the Response written back. We need the Request in hand to run the sign-in gate.
// Plain Node objects, not Express's: the API's requests never pass through Express (see main).
// `abortable`: its signal aborts when the client goes away. A read answered in one piece has no
// use for it, and undici's signal costs a Request three times its making and more for the GC.
function createRemixRequest(req, res, url, { abortable }) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  const init = { method: req.method, headers };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = requestBodyStream(req);
    init.duplex = "half";
  }
  if (abortable) {
    let controller = new AbortController();
    init.signal = controller.signal;
    res.on("finish", () => (controller = null));
    res.on("close", () => controller?.abort());
  }
  return new Request(url.href, init);
}

/**
 * Writes a Fetch Response to Node's. `buffered`: a small JSON answer read whole and sent in one
 * write with its Content-Length, instead of pumped through a stream chunk by chunk. `jsonText`:
 * the text that answer was made of (`jsonTextOf`), written as it is rather than read back out of
 * the body stream (side by side 0.05–0.09 ms less around a list read, of about 1.3).
 */
async function sendRemixResponse(req, res, response, buffered = false, jsonText = undefined) {
  res.statusMessage = response.statusText;
  res.statusCode = response.status;
  if (!req.complete) closeAfterAnswer(req, res);
  // The route's own header wins over the defaults securityHeaders set; only cookies add up.
  for (const [key, value] of response.headers.entries()) {
    if (key === "vary") res.setHeader("Vary", varyAlso(res.getHeader("Vary"), value));
    else if (key !== "set-cookie") res.setHeader(key, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  const eventStream = /text\/event-stream/i.test(response.headers.get("Content-Type") ?? "");
  if (eventStream) res.flushHeaders();
  if (jsonText !== undefined) {
    res.setHeader("Content-Length", Buffer.byteLength(jsonText));
    res.end(jsonText);
  } else if (buffered && response.body) {
    const body = Buffer.from(await response.arrayBuffer());
    res.setHeader("Content-Length", body.length);
    res.end(body);
  } else if (response.body && !eventStream) await writeCoalesced(response.body, res);
  else if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** A route's Vary added to the one the front set (Accept-Encoding), each header named once. */
function varyAlso(current, added) {
  const names = `${current ?? ""},${added}`
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const seen = new Set();
  return names.filter((name) => !seen.has(name.toLowerCase()) && seen.add(name.toLowerCase())).join(", ");
}

/**
 * A streamed body with the chunks that arrive in the same turn of the event loop sent in one
 * write. React renders an HTML page into 2 KB chunks, and writing each on its own cost a system
 * call apiece: a sixth of the server's time on an 89 KB list page (docs/decisions/034-http-hot-path.md).
 * A chunk that arrives later (a deferred part of a page) still goes out in the turn it arrives.
 */
async function writeCoalesced(stream, res) {
  const reader = stream.getReader();
  let corked = false;
  const uncork = () => {
    corked = false;
    res.uncork();
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!corked) {
        corked = true;
        res.cork();
        setImmediate(uncork);
      }
      res.write(value);
    }
    res.end();
  } catch (error) {
    res.destroy(error);
    throw error;
  }
}

/**
 * GET /api/t/<table> and /api/t/<table>/<id>, answered by their route's own loader without
 * Remix's router (app/services/api-fast-path.server.ts, docs/decisions/034-http-hot-path.md).
 * What Remix does for a resource route is all that happens here: the loader gets the request and
 * its params, and a thrown Response is the answer.
 */
async function answerFastApiRoute(build, fast, request) {
  const loader = build.routes[fast.routeId]?.module.loader;
  if (!loader) throw new Error(`the build has no loader for ${fast.routeId}`);
  try {
    return await loader({ request, params: fast.params, context: {} });
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

/** How long, and how much, the rest of a refused body is still read after its answer. */
const LINGER_MS = 2_000;
const LINGER_BYTES = 16 * 1024 * 1024;

/**
 * An answer given before the request's body was read (a 413, a 401 to a POST): the rest of the
 * body is still on its way, so the connection cannot carry another request. Say so
 * (`Connection: close`), then close it the way the client can read the answer: Node destroys such
 * a socket as soon as the answer is flushed, and closing a socket with unread data makes the
 * kernel reset it, which can destroy the answer before the client read it. So the answer is
 * followed by a half-close, and what still arrives is read and dropped until the client closes,
 * for at most LINGER_MS and LINGER_BYTES.
 */
function closeAfterAnswer(req, res) {
  res.setHeader("Connection", "close");
  const socket = req.socket;
  socket.destroySoon = function lingeringClose() {
    let dropped = 0;
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
    socket.once("end", () => socket.destroy());
    req.removeAllListeners("data");
    req.on("data", (chunk) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) socket.destroy();
    });
    req.resume();
    socket.end();
  };
}

/**
 * The request body as a web stream for Remix. Unlike @remix-run/node's helper, cancelling it (a
 * body over the limit) only stops reading: destroying the request would destroy its socket, and
 * the client would see a reset instead of the 413.
 */
function requestBodyStream(req) {
  let settled = false;
  const settle = (fn) => {
    if (settled) return;
    settled = true;
    fn();
  };
  return new ReadableStream(
    {
      start(controller) {
        req.on("data", (chunk) => {
          if (settled) return;
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once("end", () => settle(() => controller.close()));
        req.once("error", (error) => settle(() => controller.error(error)));
        req.once("close", () =>
          settle(() => controller.error(new Error("the client closed the connection before sending the whole body"))),
        );
      },
      pull() {
        req.resume();
      },
      cancel() {
        settled = true;
        req.pause();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

/** The client's address for rate limits and the audit trail; a header the client sent is dropped first. */
const CLIENT_IP_HEADER = "x-tessera-client-ip";

/**
 * SERVER_TIMING=1: every answer says in a Server-Timing header how long the server spent on it
 * (`app`, until its headers) and in its records call (`records`), for an operator or a benchmark
 * to tell the server's time from the network's and the database's. Off by default: it tells any
 * client how long the database took.
 */
const SERVER_TIMING = process.env.SERVER_TIMING === "1";

/**
 * Remix behind the sign-in gate: `authGate` (app/services/auth.server.ts) sees every request that
 * is not a static file before any loader or action runs, so no route can forget the check.
 */
function gatedRequestHandler(getBuild, mode) {
  const handlers = new WeakMap();
  const remixHandlerFor = (build) => {
    if (!handlers.has(build)) handlers.set(build, createRemixHandler(build, mode));
    return handlers.get(build);
  };
  return async (req, res, next) => {
    const started = performance.now();
    try {
      const client = req[CLIENT];
      delete req.headers[CLIENT_IP_HEADER];
      // The socket's address, or what a trusted proxy says the client's is (TRUST_PROXY).
      if (client.ip) req.headers[CLIENT_IP_HEADER] = client.ip;
      // Only a trusted proxy may say the request came over HTTPS or for another host: from anyone
      // else these would set a cookie's Secure flag or pass the same-origin check on their word.
      if (!client.viaTrustedProxy) {
        delete req.headers["x-forwarded-proto"];
        delete req.headers["x-forwarded-host"];
      }
      const build = getBuild();
      const entry = build.entry.module;
      const url = requestUrl(req, client.protocol);
      // The pathname Remix would match: the URL parser has resolved dot segments and encodings.
      const fast = entry.fastApiRoute(req.method, url.pathname);
      const request = createRemixRequest(req, res, url, { abortable: !fast });
      const send = (response, buffered = false) => {
        if (SERVER_TIMING) res.setHeader("Server-Timing", entry.serverTimingHeader(performance.now() - started));
        return sendRemixResponse(req, res, response, buffered, buffered ? entry.jsonTextOf(response) : undefined);
      };
      const answer = async () => {
        const refused = await entry.authGate(request);
        if (refused) return send(refused);
        if (fast) return send(await answerFastApiRoute(build, fast, request), true);
        await send(await remixHandlerFor(build)(request));
      };
      await entry.inRequestScope(request.method, answer, { timings: SERVER_TIMING });
    } catch (error) {
      next(error);
    }
  };
}

/** Where `req[CLIENT]` keeps what `clientOf` found. */
const CLIENT = Symbol("client");

/**
 * Who the client is and how it reached us, read as Express reads `req.ip` and `req.protocol`
 * with its compiled TRUST_PROXY function `trust`: the socket's own unless a trusted proxy
 * connected, whose X-Forwarded-For and X-Forwarded-Proto then count.
 */
function clientOf(req, trust) {
  const viaTrustedProxy = trust(req.socket.remoteAddress, 0);
  const forwardedProto = viaTrustedProxy ? String(req.headers["x-forwarded-proto"] ?? "") : "";
  const protocol = forwardedProto.split(",")[0].trim() || (req.socket.encrypted ? "https" : "http");
  return { ip: proxyAddr(req, trust), protocol, viaTrustedProxy };
}

/** Headers every answer carries; HTML documents add their Content Security Policy (entry.server). */
function securityHeaders(req, res) {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  // Published web forms (/f/<slug>) may be embedded: their CSP frame-ancestors says where.
  if (!/^\/f\/[^/?]+\/?(\?|$)/.test(req.url)) res.setHeader("X-Frame-Options", "DENY");
  // Over HTTPS (told by a trusted proxy, see TRUST_PROXY) browsers must never fall back to plain
  // HTTP for a year. Not for subdomains: those may be other people's sites.
  if (req[CLIENT].protocol === "https") res.setHeader("Strict-Transport-Security", "max-age=31536000");
}

/**
 * An API request that failed outside any route's own error answer: what Express's finalhandler
 * does for a page, in JSON. A client's mistake (`status` 4xx) is said; anything else is logged.
 */
function failed(req, res, error) {
  const status = Number.isInteger(error?.status) && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) console.error(error instanceof Error ? error.stack : error);
  if (res.headersSent) return res.destroy();
  // A route may have set its own (an ETag, a cookie) before the answer failed: none belongs here.
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  securityHeaders(req, res);
  res.statusCode = status;
  res.statusMessage = http.STATUS_CODES[status];
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.end(JSON.stringify({ error: status === 500 ? "internal error" : error.message }));
}

/**
 * Which proxies may say who the client is and whether it came over HTTPS (X-Forwarded-For,
 * X-Forwarded-Proto). TRUST_PROXY unset trusts none: anyone could send those headers. Otherwise
 * as Express's "trust proxy" reads it: `loopback`, addresses or ranges separated by commas
 * (`10.0.0.0/8,192.168.1.2`), a number of proxy hops, or `true` for whatever connects directly.
 */
function trustProxySetting(value) {
  const setting = value?.trim() ?? "";
  if (setting === "" || setting === "false") return false;
  if (setting === "true") return true;
  if (/^\d+$/.test(setting)) return Number(setting);
  return setting
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

async function createDevRequestHandler(initialBuild) {
  const { broadcastDevReady } = await import("@remix-run/node");
  const chokidar = await import("chokidar");
  let build = initialBuild;
  const reload = async () => {
    build = await importBuild();
    await broadcastDevReady(build);
  };
  chokidar.watch(VERSION_PATH, { ignoreInitial: true }).on("add", reload).on("change", reload);
  return gatedRequestHandler(() => build, "development");
}

async function main() {
  const build = await importBuild();
  const booted = await build.entry.module.boot();
  const database = booted?.database ?? describeDatabase(process.env.DATABASE_URL);

  const app = express();
  app.disable("x-powered-by");
  try {
    app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));
  } catch (error) {
    throw new Error(
      `TRUST_PROXY="${process.env.TRUST_PROXY}" is not understood (${error.message}): use loopback, addresses or ranges ` +
        `separated by commas (10.0.0.0/8,192.168.1.2), a number of proxy hops, or true`,
    );
  }
  const trust = app.get("trust proxy fn");
  // On a phone's slow link the bundle and the pages are most of the wait: gzip roughly thirds them
  // (Lighthouse, docs/decisions/033-offline-app.md). Event streams are left alone: compression
  // would hold their messages back.
  const compress = compression({
    filter: (req, res) => !/text\/event-stream/i.test(String(res.getHeader("Content-Type") ?? "")) && compression.filter(req, res),
  });
  /** What every request meets first, through Express or not. */
  const front = (req, res, next) => {
    req[CLIENT] = clientOf(req, trust);
    securityHeaders(req, res);
    if (req.headers["accept-encoding"]) return compress(req, res, next);
    // A client that accepts no encoding gets the identity: compression would only wrap every
    // write to find that out (side by side 0.04–0.07 ms less around a list read). The Vary it
    // would have set still tells caches that the answer depends on the header.
    res.setHeader("Vary", "Accept-Encoding");
    next();
  };
  const gated = isDevelopment ? await createDevRequestHandler(build) : gatedRequestHandler(() => build, build.mode);
  app.use(front);
  // Fingerprinted by the compiler, so they never change under the same name.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all("*", gated);

  // The API's requests skip Express: no file lives under /api, and its router, its request and
  // response prototypes and its query parser cost a quarter of a list read's time in the server
  // (docs/decisions/034-http-hot-path.md). They meet the same front and the same gate.
  const api = (req, res) => front(req, res, () => gated(req, res, (error) => failed(req, res, error)));
  const port = Number(process.env.PORT ?? 3000);
  const server = http.createServer((req, res) => (req.url.startsWith("/api/") ? api(req, res) : app(req, res)));
  server.listen(port, async () => {
    const address = server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    console.log(`Tessera is running at http://localhost:${actualPort} (database: ${database})`);
    if (isDevelopment) {
      const { broadcastDevReady } = await import("@remix-run/node");
      await broadcastDevReady(build);
    }
  });
  server.on("error", (error) => {
    process.stderr.write(`\nTessera could not listen on port ${port}: ${error.message}. Set PORT to a free port.\n\n`);
    process.exit(1);
  });

  let stopping = false;
  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing open requests, then stopping.`);
    server.close(async () => {
      try {
        await build.entry.module.shutdown?.();
      } finally {
        process.exit(0);
      }
    });
    server.closeIdleConnections();
    // A client holding a connection open must not keep the process alive forever.
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch(failToStart);
