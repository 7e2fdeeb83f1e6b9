import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Knex } from "knex";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createDatabase, parseDatabaseUrl } from "@runtime/db/connection.server";
import { ensureJobTables, JOBS_TABLE } from "@runtime/jobs/jobs-tables.server";
import { createJobQueue, type JobQueue } from "@runtime/jobs/queue.server";
import { PermanentJobError, RunLaterError, type JobHandlers } from "@runtime/jobs/types";
import { startWorkers } from "@runtime/jobs/workers.server";
import { testDatabases, type TestDatabase } from "../helpers/databases";

const MINUTE = 60_000;

describe.each(testDatabases)("the job queue on $name", (kind) => {
  let database: TestDatabase;
  let db: Knex;
  let other: Knex;
  let clock: Date;
  let queue: JobQueue;

  beforeAll(async () => {
    database = await kind.create();
    db = createDatabase(parseDatabaseUrl(database.url));
    // A second connection pool stands for a second app instance.
    other = createDatabase(parseDatabaseUrl(database.url));
    await ensureJobTables(db);
  }, 60_000);
  afterAll(async () => {
    await db?.destroy();
    await other?.destroy();
    await database?.drop();
  });
  beforeEach(async () => {
    await db(JOBS_TABLE).delete();
    clock = new Date("2026-12-04T09:00:00Z");
    queue = createJobQueue(db, { instanceId: "a", now: () => clock, leaseMs: MINUTE });
  });

  it("runs a job once, keeps its result, and gives back the same job for the same key", async () => {
    const seen: unknown[] = [];
    const handlers: JobHandlers = {
      greet: async ({ payload }) => (seen.push(payload), { said: `hello ${(payload as { name: string }).name}` }),
    };
    const id = await queue.enqueue({ type: "greet", payload: { name: "Anna" }, key: "greet:anna" });
    expect(await queue.enqueue({ type: "greet", payload: { name: "Anna" }, key: "greet:anna" })).toBe(id);
    expect(await queue.runUntilIdle(handlers)).toBe(1);
    expect(seen).toEqual([{ name: "Anna" }]);
    const job = await queue.get(id);
    expect(job).toMatchObject({ state: "done", attempts: 1, result: { said: "hello Anna" }, lastError: null });
    // Done is done: the key still names that job, so the scheduler's next tick adds nothing.
    expect(await queue.enqueue({ type: "greet", payload: { name: "Anna" }, key: "greet:anna" })).toBe(id);
    expect(await queue.runUntilIdle(handlers)).toBe(0);
  });

  it("commits a job with the transaction that enqueued it, or not at all", async () => {
    await db
      .transaction(async (trx) => {
        await queue.enqueue({ type: "greet", payload: {} }, trx);
        throw new Error("the save failed");
      })
      .catch(() => {});
    expect(Number(((await db(JOBS_TABLE).count({ n: "*" }).first()) as { n: number }).n)).toBe(0);
    await db.transaction((trx) => queue.enqueue({ type: "greet", payload: {} }, trx));
    expect(await queue.list()).toHaveLength(1);
  });

  it("enqueues many as enqueue does each: in order, a key taken once, committed with the transaction", async () => {
    const first = await queue.enqueue({ type: "greet", payload: { name: "Anna" }, key: "greet:anna" });
    const inputs = [
      { type: "greet", payload: { name: "Bo 'the' \\ one" }, createdBy: 7 },
      { type: "greet", payload: { name: "Anna again" }, key: "greet:anna" },
      { type: "greet", payload: { name: "Cy" }, runAt: new Date("2026-12-04T10:00:00Z"), maxAttempts: 2 },
      { type: "greet", payload: { name: "Di" }, key: "greet:di" },
    ];
    await db
      .transaction(async (trx) => {
        await queue.enqueueMany(inputs, trx);
        throw new Error("the save failed");
      })
      .catch(() => {});
    expect(await queue.list()).toHaveLength(1);
    await db.transaction((trx) => queue.enqueueMany(inputs, trx));
    const jobs = [...(await queue.list())].sort((a, b) => a.id - b.id);
    expect(jobs.map((j) => [j.id === first, j.payload, j.key, j.maxAttempts, j.createdBy])).toEqual([
      [true, { name: "Anna" }, "greet:anna", 5, null],
      [false, { name: "Bo 'the' \\ one" }, null, 5, 7],
      [false, { name: "Cy" }, null, 2, null],
      [false, { name: "Di" }, "greet:di", 5, null],
    ]);
    // Cy waits for its time; the others are due now, and run oldest first.
    const seen: string[] = [];
    await queue.runUntilIdle({ greet: async ({ payload }) => void seen.push((payload as { name: string }).name) });
    expect(seen).toEqual(["Anna", "Bo 'the' \\ one", "Di"]);
  });

  it("waits until run_at, and runs due jobs oldest first", async () => {
    const order: string[] = [];
    const handlers: JobHandlers = { mark: async ({ payload }) => void order.push(payload as string) };
    await queue.enqueue({ type: "mark", payload: "later", runAt: new Date(clock.getTime() + 10 * MINUTE) });
    await queue.enqueue({ type: "mark", payload: "second" });
    await queue.enqueue({ type: "mark", payload: "first", runAt: new Date(clock.getTime() - MINUTE) });
    await queue.runUntilIdle(handlers);
    expect(order).toEqual(["first", "second"]);
    clock = new Date(clock.getTime() + 10 * MINUTE);
    await queue.runUntilIdle(handlers);
    expect(order).toEqual(["first", "second", "later"]);
  });

  it("retries a failing job with growing delays and lets it die after its last attempt, saying why", async () => {
    let calls = 0;
    const handlers: JobHandlers = {
      flaky: async () => {
        calls++;
        throw new Error("the mail server refused the connection");
      },
    };
    const id = await queue.enqueue({ type: "flaky", payload: null, maxAttempts: 3 });
    await queue.runUntilIdle(handlers);
    let job = (await queue.get(id))!;
    expect(job).toMatchObject({ state: "queued", attempts: 1, lastError: "the mail server refused the connection" });
    const firstDelay = Date.parse(job.runAt.replace(" ", "T") + "Z") - clock.getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(4_000);
    expect(await queue.runUntilIdle(handlers)).toBe(0); // not before its time
    clock = new Date(clock.getTime() + 10 * MINUTE);
    await queue.runUntilIdle(handlers);
    job = (await queue.get(id))!;
    const secondDelay = Date.parse(job.runAt.replace(" ", "T") + "Z") - clock.getTime();
    expect(secondDelay).toBeGreaterThan(firstDelay);
    clock = new Date(clock.getTime() + 60 * MINUTE);
    await queue.runUntilIdle(handlers);
    expect(await queue.get(id)).toMatchObject({ state: "dead", attempts: 3 });
    expect(calls).toBe(3);
    // An admin retries it from the failed list once the server is back.
    await queue.retry(id);
    await queue.runUntilIdle({ flaky: async () => "sent" });
    expect(await queue.get(id)).toMatchObject({ state: "done", result: "sent" });
  });

  it("does not retry what cannot succeed: a permanent error or a job type no handler knows", async () => {
    const bad = await queue.enqueue({ type: "import", payload: null });
    const unknown = await queue.enqueue({ type: "teleport", payload: null });
    await queue.runUntilIdle({
      import: async () => {
        throw new PermanentJobError("the file is not a spreadsheet");
      },
    });
    expect(await queue.get(bad)).toMatchObject({ state: "dead", attempts: 1, lastError: "the file is not a spreadsheet" });
    expect(await queue.get(unknown)).toMatchObject({
      state: "dead",
      lastError: expect.stringContaining('no handler for jobs of type "teleport"'),
    });
  });

  it("puts a job that must wait (a rate limit's slot) back for then, without spending an attempt", async () => {
    let runs = 0;
    const slot = new Date(clock.getTime() + 30_000);
    const handlers: JobHandlers = {
      paced: async () => {
        runs++;
        if (clock < slot) throw new RunLaterError(slot);
        return "sent";
      },
    };
    const id = await queue.enqueue({ type: "paced", payload: {}, maxAttempts: 1 });
    await queue.runUntilIdle(handlers);
    expect(await queue.get(id)).toMatchObject({ state: "queued", attempts: 0, runAt: "2026-12-04 09:00:30.000" });
    clock = new Date(slot.getTime() - 1);
    expect(await queue.runUntilIdle(handlers)).toBe(0);
    clock = slot;
    await queue.runUntilIdle(handlers);
    expect(await queue.get(id)).toMatchObject({ state: "done", attempts: 1, result: "sent" });
    expect(runs).toBe(2);
  });

  it("cancels a queued job, which never runs, and a running one, whose handler is aborted and whose answer is ignored", async () => {
    const queued = await queue.enqueue({ type: "long", payload: "queued" });
    expect(await queue.cancel(queued)).toMatchObject({ state: "cancelled" });
    expect(await queue.runUntilIdle({})).toBe(0);

    const id = await queue.enqueue({ type: "long", payload: "running" });
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let proceed!: () => void;
    const gate = new Promise<void>((resolve) => (proceed = resolve));
    let reason: unknown;
    const run = queue.runUntilIdle({
      long: async ({ progress, signal }) => {
        started();
        await gate;
        await progress({ processed: 1 });
        reason = signal.reason;
        return signal.aborted ? "stopped" : "finished";
      },
    });
    await running;
    expect(await queue.cancel(id)).toMatchObject({ state: "cancelled" });
    proceed();
    expect(await run).toBe(1);
    expect(String(reason)).toContain("the job was cancelled");
    expect(await queue.get(id)).toMatchObject({ state: "cancelled", result: null, progress: null });
    await expect(queue.cancel(id)).rejects.toThrow("only a queued or running job can be cancelled");
  });

  it("finds a job by its key, and lists the jobs of one user in some states", async () => {
    const mine = await queue.enqueue({ type: "print", payload: null, key: "print:abc", createdBy: 7 });
    await queue.enqueue({ type: "print", payload: null, createdBy: 8 });
    const anonymous = await queue.enqueue({ type: "print", payload: null });
    expect((await queue.getByKey("print:abc"))?.id).toBe(mine);
    expect(await queue.getByKey("print:nope")).toBeNull();
    expect((await queue.list({ type: "print", state: ["queued", "running"], createdBy: 7 })).map((j) => j.id)).toEqual([mine]);
    expect((await queue.list({ createdBy: null })).map((j) => j.id)).toEqual([anonymous]);
    expect(await queue.list({ state: ["done", "dead"] })).toEqual([]);
  });

  it("hands a job whose worker stopped renewing its lease to another instance, and ignores the first worker's late answer", async () => {
    const b = createJobQueue(other, { instanceId: "b", now: () => clock, leaseMs: MINUTE });
    const id = await queue.enqueue({ type: "work", payload: null });
    const [held] = await queue.claim(1);
    expect(held.id).toBe(id);
    expect(await b.claim(1)).toEqual([]); // still leased
    clock = new Date(clock.getTime() + 2 * MINUTE);
    const [taken] = await b.claim(1);
    expect(taken).toMatchObject({ id, lockedBy: "b", attempts: 2 });
    await queue.complete(held, "from a");
    expect(await queue.heartbeat(held)).toBe(false);
    await b.complete(taken, "from b");
    expect(await queue.get(id)).toMatchObject({ state: "done", result: "from b" });
  });

  it("gives each of 40 jobs to exactly one of two instances claiming at once", async () => {
    const b = createJobQueue(other, { instanceId: "b", now: () => clock, leaseMs: MINUTE });
    for (let i = 0; i < 40; i++) await queue.enqueue({ type: "work", payload: i });
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? b : queue).claim(5)));
    const ids = claims.flat().map((j) => j.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });

  it("runs jobs on workers in two instances, each once, and wakes at once for a job enqueued here", async () => {
    const ran: number[] = [];
    const handlers: JobHandlers = { work: async ({ payload }) => void ran.push(payload as number) };
    const realA = createJobQueue(db, { instanceId: "a" });
    const realB = createJobQueue(other, { instanceId: "b" });
    // A poll of a minute: only the wake-up on enqueue can make the first job run quickly.
    const workersA = startWorkers(realA, { handlers, pollMs: MINUTE });
    const workersB = startWorkers(realB, { handlers, pollMs: 50 });
    try {
      await realA.enqueue({ type: "work", payload: 0 });
      await vi.waitFor(() => expect(ran).toEqual([0]), { timeout: 5_000, interval: 20 });
      for (let i = 1; i < 30; i++) await (i % 2 ? realA : realB).enqueue({ type: "work", payload: i });
      await vi.waitFor(() => expect(ran).toHaveLength(30), { timeout: 20_000, interval: 50 });
      expect(new Set(ran).size).toBe(30);
    } finally {
      await workersA.stop();
      await workersB.stop();
    }
    // Its waits bound how slow a busy machine may be (25 s): the test's own budget must cover them.
  }, 60_000);

  it("finishes the job of an instance killed while holding it, without running it twice", async () => {
    const id = await queue.enqueue({ type: "work", payload: "survives" });
    const script = fileURLToPath(new URL("./fixtures/claim-and-die.ts", import.meta.url));
    const child = spawnSync(process.execPath, ["--import", "tsx", script, database.url], { encoding: "utf8", timeout: 60_000 });
    expect(child.signal).toBe("SIGKILL");
    expect(child.stdout).toContain(`claimed ${id}`);
    const real = createJobQueue(other, { instanceId: "survivor" });
    const ran: unknown[] = [];
    expect(await real.runUntilIdle({ work: async ({ payload }) => void ran.push(payload) })).toBe(0); // leased by the dead one
    // The dead instance's lease was 2 s: past it, the survivor takes the job over.
    await vi.waitFor(async () => expect(await real.runUntilIdle({ work: async ({ payload }) => void ran.push(payload) })).toBe(1), {
      timeout: 10_000,
      interval: 250,
    });
    expect(ran).toEqual(["survives"]);
    expect(await real.get(id)).toMatchObject({ state: "done", attempts: 2, lockedBy: "survivor" });
  });
});
