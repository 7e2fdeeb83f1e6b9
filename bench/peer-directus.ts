/**
 * The peer of issue 21 for `npm run bench:http -- --peer <folder>`: a Directus installed by whoever
 * runs the bench, outside the project (`mkdir /tmp/peer && cd /tmp/peer && npm init -y && npm
 * install directus@11.3.5`: it is not a dependency, nothing of it is committed). It is bootstrapped
 * on a database of its own in the same MariaDB server and serves a copy of the bench's table, with
 * the same rows, types and indexes (city, amount, and the region relation for the load case's
 * expand), so both answer from the same server's disk and buffer pool in the same minutes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import mysql from "mysql2/promise";

export interface Peer {
  name: string;
  url: string;
  headers: Record<string, string>;
  /** Copies the bench's filled tables into the peer's database (after its schema knows them). */
  copyRows(sourceDatabase: string): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c));
    child.stderr.on("data", (c: Buffer) => (output += c));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(bin)} ${args.join(" ")} exited ${code}: ${output.slice(-2000)}`)),
    );
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Directus exited (${child.exitCode}) while starting: ${log().slice(-2000)}`);
    try {
      const r = await fetch(`${url}/server/ping`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Directus did not answer ${url}/server/ping within 2 minutes: ${log().slice(-2000)}`);
}

/**
 * Starts Directus from `folder` (where `npm install directus` ran) on a fresh database on the same
 * server as `databaseUrl`, with the bench's two tables, empty until `copyRows`.
 */
export async function startDirectus(folder: string, databaseUrl: string, table: string): Promise<Peer> {
  const bin = path.resolve(folder, "node_modules/.bin/directus");
  if (!fs.existsSync(bin))
    throw new Error(
      `--peer ${folder}: no Directus there (${bin} is missing). Install it outside the project: mkdir ${folder} && cd ${folder} && npm init -y && npm install directus@11.3.5`,
    );
  const server = new URL(databaseUrl);
  const database = `tessera_http_peer_${crypto.randomBytes(4).toString("hex")}`;
  const connection = {
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
  };
  const admin = await mysql.createConnection(connection);
  await admin.query(`create database ${database} character set utf8mb4 collate utf8mb4_unicode_ci`);
  let child: ChildProcess | undefined;
  const stop = async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await admin.query(`drop database if exists ${database}`);
    await admin.end();
  };
  try {
    // The table: the same columns and indexes as the bench's, none of Tessera's own columns.
    await admin.query(`create table ${database}.regions (id int not null auto_increment primary key, name varchar(100)) engine=InnoDB`);
    await admin.query(
      `create table ${database}.${table} (
         id int unsigned not null auto_increment primary key,
         name varchar(200), city varchar(100), amount decimal(18,2), created_on date, region int null,
         key (city), key (amount)
       ) engine=InnoDB`,
    );
    const port = await freePort();
    const token = crypto.randomBytes(24).toString("hex");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DB_CLIENT: "mysql",
      DB_HOST: connection.host,
      DB_PORT: String(connection.port),
      DB_DATABASE: database,
      DB_USER: connection.user,
      DB_PASSWORD: connection.password,
      KEY: crypto.randomBytes(16).toString("hex"),
      SECRET: crypto.randomBytes(32).toString("hex"),
      ADMIN_EMAIL: "admin@example.com",
      ADMIN_PASSWORD: crypto.randomBytes(12).toString("hex"),
      ADMIN_TOKEN: token,
      TELEMETRY: "false",
      LOG_LEVEL: "warn",
      // Both answer every request from the database: Tessera caches no results either.
      CACHE_ENABLED: "false",
      RATE_LIMITER_ENABLED: "false",
    };
    await run(bin, ["bootstrap"], env, folder);
    let log = "";
    child = spawn(bin, ["start"], { cwd: folder, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (c: Buffer) => (log += c));
    child.stderr!.on("data", (c: Buffer) => (log += c));
    const url = `http://127.0.0.1:${port}`;
    await waitUntilUp(url, child, () => log);
    const headers = { Authorization: `Bearer ${token}` };
    // The region column as a many-to-one, for `fields=*,region.name` (the load case's expand).
    const relation = await fetch(`${url}/relations`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ collection: table, field: "region", related_collection: "regions" }),
    });
    if (!relation.ok) throw new Error(`Directus refused the region relation: ${relation.status} ${await relation.text()}`);
    return {
      name: "Directus",
      url,
      headers,
      async copyRows(source) {
        await admin.query(`insert into ${database}.regions (id, name) select id, name from ${source}.regions`);
        await admin.query(
          `insert into ${database}.${table} (id, name, city, amount, created_on, region)
           select id, name, city, amount, created_on, region from ${source}.${table}`,
        );
        await admin.query(`analyze table ${database}.${table}`);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
