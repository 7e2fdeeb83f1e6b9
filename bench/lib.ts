import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mysql from "mysql2/promise";

/** A throwaway database for a benchmark: MariaDB from BENCH_MYSQL_URL / TEST_MYSQL_URL, or SQLite. */
export async function benchDatabase(kind: "mysql" | "sqlite", prefix = "tessera_bench_"): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-bench-"));
    return { url: `sqlite:${path.join(dir, "bench.sqlite")}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const server = new URL(process.env.BENCH_MYSQL_URL || process.env.TEST_MYSQL_URL || "mysql://root@127.0.0.1:3306/");
  const name = `${prefix}${crypto.randomBytes(4).toString("hex")}`;
  const conn = await mysql.createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
  });
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

/** Warms up, then times `iterations` sequential calls: p50 and p95 in milliseconds. */
export async function measure(fn: () => Promise<unknown>, iterations: number, warmup = 5): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/**
 * Times two calls alternately, `iterations` samples each, after warming both up. On a shared,
 * noisy machine a ratio of two runs made one after the other measures the load's drift as much as
 * the code; alternating exposes both to the same moments.
 */
export async function measurePair(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  iterations: number,
  warmup = Math.max(50, iterations / 4),
): Promise<{ a: number[]; b: number[] }> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const out = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < iterations; i++) {
    // Alternate which goes first, so neither always runs on the other's warm caches.
    const order = i % 2 ? (["a", "b"] as const) : (["b", "a"] as const);
    for (const which of order) {
      const t = performance.now();
      await (which === "a" ? a() : b());
      out[which].push(performance.now() - t);
    }
  }
  return out;
}
