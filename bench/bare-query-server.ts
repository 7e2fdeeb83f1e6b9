/**
 * bench:http's floor for a request with a query: a bare node:http server in a process of its own
 * that runs the statements Tessera's call runs, on its own mysql2 connection, then answers the
 * body Tessera answered. The in-process call and the floor beside the client share one process,
 * which wakes once when the database answers; any server in another process wakes, answers, and
 * the client wakes again. This pays that as Tessera does, with nothing of Tessera's in it.
 *
 * Started by bench/http.bench.ts with `fork` (BARE_DATABASE_URL in its environment); it is sent
 * `{ path, body, statements }` for each case and says `{ port }` once it listens. Its answers'
 * Server-Timing says how long the statements took (`records`) and the request (`app`), in the
 * form Tessera's server uses with SERVER_TIMING=1.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import mysql from "mysql2/promise";

export interface BareCase {
  path: string;
  body: string;
  statements: { sql: string; bindings: unknown[] }[];
}

const connection = await mysql.createConnection(process.env.BARE_DATABASE_URL!);
const cases = new Map<string, BareCase>();

process.on("message", (message: BareCase) => {
  cases.set(message.path, message);
  process.send!({ stored: message.path });
});
process.on("disconnect", () => {
  server.close();
  void connection.end();
});

const server = http.createServer((req, res) => {
  const started = performance.now();
  const found = cases.get(req.url ?? "");
  if (!found) return res.writeHead(404).end();
  void (async () => {
    for (const s of found.statements) await connection.query(s.sql, s.bindings);
    const ran = performance.now();
    res
      .writeHead(200, {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Length": Buffer.byteLength(found.body),
        "Server-Timing": `records;dur=${(ran - started).toFixed(2)}, app;dur=${(performance.now() - started).toFixed(2)}`,
      })
      .end(found.body);
  })().catch((error: Error) => res.writeHead(500).end(error.message));
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send!({ port: (server.address() as AddressInfo).port }));
