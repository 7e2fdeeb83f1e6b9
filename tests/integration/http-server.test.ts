import http from "node:http";
import net from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, TEST_ADMIN, type AppServer } from "../helpers/app-server";
import { createApiToken, postLogin, signIn } from "../helpers/auth";

/** What the HTTP server itself does, whatever the database (`npx remix build` first). */
describe("the HTTP server", () => {
  let server: AppServer;
  let token: string;

  beforeAll(async () => {
    server = await startAppServer();
    token = await createApiToken(server.url);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** The address the audit trail shows its administrator for a client created over the API at `base`. */
  async function auditedAddress(base: string, adminToken: string, headers: Record<string, string>) {
    const sent = { Authorization: `Bearer ${adminToken}`, ...headers };
    const created = await fetch(`${base}/api/t/clients`, {
      method: "POST",
      headers: { ...sent, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Forwarded Freight" }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const trail = await fetch(`${base}/api/audit?table=clients&record=${id}`, { headers: sent });
    const { entries } = (await trail.json()) as { entries: { action: string; ip?: string | null }[] };
    return entries.find((e) => e.action === "create")?.ip;
  }

  /**
   * One request through `agent`; resolves with the status, or rejects as the client saw it (e.g.
   * ECONNRESET). A body given as several pieces is sent chunked, without a Content-Length.
   */
  function send(
    agent: http.Agent,
    method: string,
    path: string,
    body?: Buffer | Buffer[],
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        `${server.url}${path}`,
        {
          method,
          agent,
          headers: {
            Authorization: `Bearer ${token}`,
            ...(body ? { "Content-Type": "application/json" } : {}),
            ...(Buffer.isBuffer(body) ? { "Content-Length": body.length } : {}),
          },
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers }));
        },
      );
      request.on("error", reject);
      for (const piece of Array.isArray(body) ? body : []) request.write(piece);
      request.end(Buffer.isBuffer(body) ? body : undefined);
    });
  }

  it("answers the fast-path record reads exactly as Remix answers the same route (a trailing slash takes Remix's way)", async () => {
    const headers = { Authorization: `Bearer ${token}` };
    const comparable = async (path: string) => {
      const response = await fetch(`${server.url}${path}`, { headers });
      // How the bytes travel is not the answer: the fast path knows its length up front, so a body
      // under compression's 1 KB threshold goes plain, where Remix's streamed one is gzipped.
      const kept = [...response.headers].filter(
        ([k]) => !["date", "content-length", "transfer-encoding", "connection", "keep-alive", "content-encoding"].includes(k),
      );
      return { status: response.status, headers: Object.fromEntries(kept), body: await response.text() };
    };
    const filter = encodeURIComponent(JSON.stringify({ field: "status", op: "eq", value: "active" }));
    for (const path of [
      `/api/t/clients?filter=${filter}&sort=-name&pageSize=3&expand=manager`,
      "/api/t/clients/1",
      "/api/t/clients/1?expand=manager",
      "/api/t/clients/999999",
      "/api/t/nowhere",
      "/api/t/clients?sort=nofield",
    ]) {
      const [fast, viaRemix] = [await comparable(path), await comparable(path.replace(/(\?|$)/, "/$1"))];
      expect(fast, path).toEqual(viaRemix);
    }
    // Neither way lets a request without a token through.
    expect((await fetch(`${server.url}/api/t/clients/1`)).status).toBe(401);
    // Timings are told only where the operator asked for them (SERVER_TIMING=1, below).
    expect((await fetch(`${server.url}/api/t/clients/1`, { headers })).headers.get("server-timing")).toBeNull();
  });

  it("answers a Host header that is not a host name with a 400 that says so, on the API as on a page", async () => {
    const answer = (path: string, host = "not a host") =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(`${server.url}${path}`, { headers: { Host: host } }, (response) => {
          let body = "";
          response.on("data", (chunk) => (body += chunk));
          response.on("end", () => resolve({ status: response.statusCode!, body }));
        });
        request.on("error", reject);
        request.end();
      });
    const api = await answer("/api/t/clients");
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body)).toEqual({ error: 'the Host header "not a host" is not a host name' });
    expect((await answer("/login")).status).toBe(400);
    // One that parses, with a path in it, would have routed the request as another path.
    const pathInHost = await answer("/api/t/clients/1", "localhost/api/t/users?");
    expect(pathInHost.status).toBe(400);
    expect(JSON.parse(pathInHost.body).error).toMatch(/^the Host header "localhost\/api\/t\/users\?" is not a host name$/);
    expect((await answer("/api/t/clients/1", "[::1]:8080")).status).toBe(401);
    // HTTP/1.0 needs no Host: a load balancer's health check sends none.
    const healthCheck = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(new URL(server.url).port), "127.0.0.1", () => socket.write("GET /healthz HTTP/1.0\r\n\r\n"));
      let seen = "";
      socket.on("data", (chunk) => (seen += chunk));
      socket.on("end", () => resolve(seen));
      socket.on("error", reject);
    });
    expect(healthCheck).toMatch(/^HTTP\/1\.1 200 /);
    // The server is none the worse for it.
    expect((await fetch(`${server.url}/api/t/clients/1`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it("closes the connection cleanly after a 413, so the client's next request on a kept-alive agent succeeds", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await send(agent, "GET", "/api/t/clients?pageSize=1")).status).toBe(200);
      const big = Buffer.from(JSON.stringify({ name: "x".repeat(2_000_000) }));
      const refused = await send(agent, "POST", "/api/t/clients", big);
      expect(refused.status).toBe(413);
      expect(refused.headers.connection).toBe("close");
      expect((await send(agent, "GET", "/api/t/clients?pageSize=1")).status).toBe(200);
      // Found only while reading: no Content-Length to refuse it by.
      const chunked = await send(agent, "POST", "/api/t/clients", [
        Buffer.from('{"name":"'),
        ...Array(20).fill(Buffer.alloc(100_000, 120)),
      ]);
      expect(chunked.status).toBe(413);
      expect((await send(agent, "GET", "/api/t/clients?pageSize=1")).status).toBe(200);
      expect(
        (await send(agent, "POST", "/api/t/clients", Buffer.from(JSON.stringify({ kind: "company", name: "After 413", status: "lead" }))))
          .status,
      ).toBe(201);
    } finally {
      agent.destroy();
    }
  });

  it("answers a preview whose Liquid loops over large ranges with a 422, and /healthz stays fast meanwhile", async () => {
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" } });
    const { rows } = (await (await api("/api/t/invoices?pageSize=1")).json()) as { rows: { id: number }[] };
    const draft = {
      table: "invoices",
      name: "Loops",
      html: "{% for i in (1..100000) %}{% for j in (1..100000) %}{{ i }}{% endfor %}{% endfor %}",
      css: "",
      page: { size: "A4", orientation: "portrait", margins: { top: 10, right: 10, bottom: 10, left: 10 } },
    };
    const started = Date.now();
    let done = false;
    const preview = api("/api/prints/preview", { method: "POST", body: JSON.stringify({ template: draft, recordId: rows[0].id }) }).finally(
      () => (done = true),
    );
    const healthTimes: number[] = [];
    while (!done) {
      const asked = Date.now();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      healthTimes.push(Date.now() - asked);
    }
    const answer = await preview;
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as { error: string }).error).toMatch(/loops over large ranges/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(healthTimes.length).toBeGreaterThan(1);
    expect(Math.max(...healthTimes)).toBeLessThan(1_000);
  });

  it("renders a page whole, with its doctype, and a board (code loaded apart in the browser) on the server", async () => {
    const { cookie } = await signIn(server.url);
    const list = await fetch(`${server.url}/t/clients`, { headers: { Cookie: cookie } });
    expect(list.headers.get("content-type")).toContain("text/html");
    const html = await list.text();
    expect(html.startsWith("<!DOCTYPE html><html")).toBe(true);
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
    // The board's Suspense boundary is rendered, not left to the browser (`<!--$!-->`) with its fallback.
    const board = await (await fetch(`${server.url}/t/deals?layout=board&groupBy=stage`, { headers: { Cookie: cookie } })).text();
    expect(board).toContain('class="board');
    expect(board).not.toContain("<!--$!");
  });

  it("links each page's messages as a file cached for good, readable before sign-in, instead of writing them into the page", async () => {
    const page = await (await fetch(`${server.url}/login`, { headers: { "Accept-Language": "sv" } })).text();
    const href = /"href":"(\/i18n\/sv\.[0-9a-f]{12}\.json)"/.exec(page)?.[1];
    expect(href).toBeDefined();
    // The page carries where the messages are, not the messages.
    expect(page).not.toContain('"validation":');
    const file = await fetch(`${server.url}${href}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("cache-control")).toContain("immutable");
    expect(((await file.json()) as { login: unknown }).login).toBeDefined();
    const unhashed = await fetch(`${server.url}/i18n/sv.json`);
    expect(unhashed.status).toBe(200);
    expect(unhashed.headers.get("cache-control")).toBe("no-cache");
    expect((await fetch(`${server.url}/i18n/xx.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/i18n/sv.000000000000.json`)).headers.get("cache-control")).toBe("no-cache");
  });

  it("gzips an answer for a client that accepts it, and sends the same bytes plainly, with their length, to one that does not", async () => {
    /** A GET with exactly these headers (fetch would add Accept-Encoding of its own). */
    const raw = (path: string, headers: Record<string, string>) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(`${server.url}${path}`, { headers }, (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (c: Buffer) => chunks.push(c));
            response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
          })
          .on("error", reject);
      });
    const bearer = { Authorization: `Bearer ${token}` };
    // The fast path's list, Remix's route for the same list, and a page through Express.
    for (const path of ["/api/t/clients?pageSize=50", "/api/t/clients/?pageSize=50", "/login"]) {
      const gzipped = await raw(path, { ...bearer, "Accept-Encoding": "gzip" });
      const plain = await raw(path, bearer);
      expect(gzipped.headers["content-encoding"], path).toBe("gzip");
      expect(plain.headers["content-encoding"], path).toBeUndefined();
      expect(plain.headers.vary, path).toContain("Accept-Encoding");
      expect(gzipped.headers.vary, path).toContain("Accept-Encoding");
      if (plain.headers["content-length"] !== undefined) expect(Number(plain.headers["content-length"]), path).toBe(plain.body.length);
      const text = plain.body.toString("utf8");
      expect(text.length, path).toBeGreaterThan(1024);
      if (path.startsWith("/api/")) expect(zlib.gunzipSync(gzipped.body).toString("utf8"), path).toBe(text);
      else {
        expect(zlib.gunzipSync(gzipped.body).toString("utf8"), path).toContain("<!DOCTYPE html>");
        // The page's own Vary is kept beside the encoding's.
        expect(plain.headers.vary, path).toContain("Accept-Language");
        expect(gzipped.headers.vary, path).toContain("Accept-Language");
      }
    }
  });

  it("sends no HSTS for a forwarded protocol it has no reason to trust", async () => {
    const answer = await fetch(`${server.url}/healthz`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(answer.headers.get("strict-transport-security")).toBeNull();
  });

  it("allows eval in its Content Security Policy only on the pages that compile validators, and the lists that open them", async () => {
    const session = await signIn(server.url);
    const { rows } = (await (
      await fetch(`${server.url}/api/t/clients?pageSize=1`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as {
      rows: { id: number }[];
    };
    const csp = async (path: string) => {
      const page = await fetch(`${server.url}${path}`, { headers: { Cookie: session.cookie } });
      expect(page.status, path).toBe(200);
      return page.headers.get("content-security-policy") ?? "";
    };
    for (const path of [`/t/clients/${rows[0].id}`, "/t/clients/new", "/t/clients", "/admin/schema"])
      expect(await csp(path), path).toContain("'unsafe-eval'");
    for (const path of ["/", "/login", "/admin/users", "/admin/prints", "/account/tokens", "/search?q=a"]) {
      const policy =
        path === "/login" ? ((await fetch(`${server.url}/login`)).headers.get("content-security-policy") ?? "") : await csp(path);
      expect(policy, path).toMatch(/script-src 'self' 'nonce-[^']+';/);
      expect(policy, path).not.toContain("unsafe-eval");
    }
  });

  // One second server for both settings: a server's start is most of such a test's time.
  describe("behind a trusted proxy (TRUST_PROXY=loopback), reporting timings (SERVER_TIMING=1)", () => {
    let proxied: AppServer;
    beforeAll(async () => {
      proxied = await startAppServer({ env: { TRUST_PROXY: "loopback", SERVER_TIMING: "1" } });
    }, 120_000);
    afterAll(async () => {
      await proxied?.stop();
    });

    it("sends HSTS when the proxy says the request came over HTTPS, and only then", async () => {
      const overHttps = await fetch(`${proxied.url}/login`, { headers: { "X-Forwarded-Proto": "https" } });
      expect(overHttps.headers.get("strict-transport-security")).toBe("max-age=31536000");
      const overHttp = await fetch(`${proxied.url}/login`, { headers: { "X-Forwarded-Proto": "http" } });
      expect(overHttp.headers.get("strict-transport-security")).toBeNull();
    });

    it("says in Server-Timing how long the records call and the whole request took in the server", async () => {
      const headers = { Authorization: `Bearer ${await createApiToken(proxied.url)}` };
      for (const path of ["/api/t/clients/1", "/api/t/clients?pageSize=5", "/api/t/clients/?pageSize=5"]) {
        const timing = (await fetch(`${proxied.url}${path}`, { headers })).headers.get("server-timing") ?? "";
        const match = /^records;dur=(\d+\.\d\d), app;dur=(\d+\.\d\d)$/.exec(timing);
        expect(match, `${path}: ${timing}`).not.toBeNull();
        expect(Number(match![1]), path).toBeLessThanOrEqual(Number(match![2]));
      }
      // A page without a records call, and a refusal before any, say only the request's time.
      expect((await fetch(`${proxied.url}/login`)).headers.get("server-timing")).toMatch(/^app;dur=\d+\.\d\d$/);
      expect((await fetch(`${proxied.url}/api/t/clients/1`)).headers.get("server-timing")).toMatch(/^app;dur=\d+\.\d\d$/);
    });

    it("audits an API write with the address the trusted proxy forwards, and ignores it from anyone else", async () => {
      const forwarded = { "X-Forwarded-For": "203.0.113.9" };
      expect(await auditedAddress(proxied.url, await createApiToken(proxied.url), forwarded)).toBe("203.0.113.9");
      expect(await auditedAddress(server.url, token, forwarded)).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    });

    it("sets the session cookie Secure when the proxy says the sign-in came over HTTPS", async () => {
      const signedIn = await postLogin(proxied.url, TEST_ADMIN.email, TEST_ADMIN.password, { "X-Forwarded-Proto": "https" });
      expect(signedIn.status).toBe(302);
      expect(signedIn.setCookie).toMatch(/; Secure/);
    });
  });
});
