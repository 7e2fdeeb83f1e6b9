import fs from "node:fs";
import { Worker } from "node:worker_threads";
import type { PrintContext, RenderedDocument, RenderSettings } from "./render-html";
import { KEEP_PARTS, KEPT_PARTS, type KeptPart, type KeptParts, type RenderJob, type RenderOutcome } from "./render-job";
import type { PrintTemplate } from "./template";
import { printPhrase, printRefusal } from "./print-words";

export interface LiquidPoolOptions {
  /** Workers kept for rendering; default 2 (one per core on the reference machine). */
  size?: number;
  /**
   * How long the workers in use must all have been on one job before the next is handed to
   * another worker; default 200 ms. Until then it waits for one of them.
   */
  spillAfterMs?: number;
  /** How long filling in one record may take before its worker is stopped; default 2 s. */
  timeBudgetMs?: number;
  /** The old-generation heap a worker may use before it is stopped; default 256 MB. */
  memoryBudgetMb?: number;
}

export interface LiquidPool {
  /** The filled-in, sanitized document; 422 when the template is at fault, whatever Liquid did. */
  render(
    template: Pick<PrintTemplate, "html" | "css" | "page">,
    contexts: PrintContext[],
    settings: RenderSettings,
  ): Promise<RenderedDocument>;
  close(): Promise<void>;
}

const WORKER_FILE = "runtime/print/liquid-worker.mjs";

/**
 * The worker's file in the source tree. This module runs from the Remix build (build/index.js)
 * in production and from runtime/print/ under vitest: both sit inside the repository, so the
 * file is found by walking up from here.
 */
function workerUrl(): URL {
  for (let dir = new URL(".", import.meta.url); ; dir = new URL("..", dir)) {
    const candidate = new URL(WORKER_FILE, dir);
    if (fs.existsSync(candidate)) return candidate;
    if (dir.pathname === "/") throw new Error(`the Liquid render worker ${WORKER_FILE} is missing above ${import.meta.url}`);
  }
}

const timeBudgetError = (ms: number) => printRefusal(422, "fillTime", { seconds: ms / 1000 });
const memoryBudgetError = (mb: number) => printRefusal(422, "fillMemory", { mb });

/** Liquid's own words, with what to do about the usual causes. */
function templateError(message: string) {
  let hint = "fix";
  if (/render limit/i.test(message)) hint = "slow";
  else if (/memory alloc limit|Invalid array length/i.test(message)) hint = "big";
  else if (/Failed to lookup|ENOENT/i.test(message)) hint = "include";
  return printRefusal(422, "unfilled", { liquid: message, hint: printPhrase(`hints.${hint}`) }, { liquid: message });
}

interface Pending {
  job: Omit<RenderJob, "id" | "parts">;
  parts: KeptParts;
  budgetMs: number;
  resolve(doc: RenderedDocument): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  /** The parts this worker has been sent, by the pool's number. */
  sent: Record<KeptPart, Set<number>>;
  /** When it was handed its job (performance.now()); null while it is free. */
  busySince: number | null;
  current: { id: number; pending: Pending; timer: NodeJS.Timeout } | null;
}

/**
 * Liquid rendering off the event loop: a template with loops over large ranges must not stall
 * every other request (`/healthz` took 3 s). A few workers are started on the first print and
 * kept; each fills in one document at a time under a time budget and a heap limit, and a worker
 * that exceeds either is stopped and replaced, the request answered 422.
 */
export function createLiquidPool(options: LiquidPoolOptions = {}): LiquidPool {
  const size = Math.max(1, options.size ?? 2);
  const timeBudgetMs = options.timeBudgetMs ?? 2_000;
  const memoryBudgetMb = options.memoryBudgetMb ?? 256;
  const spillAfterMs = options.spillAfterMs ?? 200;
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  // Schemas and message catalogs are kept objects, known by identity; a template is read anew for
  // every print, so it is known by its text.
  const objectIds = new WeakMap<object, number>();
  const templateIds = new Map<string, number>();
  let nextPartId = 1;
  let nextJobId = 1;
  let closed = false;

  function objectId(part: object | undefined): number {
    if (!part) return 0;
    let id = objectIds.get(part);
    if (id === undefined) objectIds.set(part, (id = nextPartId++));
    return id;
  }

  function templateId(template: KeptParts["template"]): number {
    const key = `${template.html}\u0000${template.css}\u0000${JSON.stringify(template.page)}`;
    let id = templateIds.get(key);
    if (id === undefined) {
      if (templateIds.size >= 200) templateIds.delete(templateIds.keys().next().value!);
      templateIds.set(key, (id = nextPartId++));
    }
    return id;
  }

  function retire(slot: Slot) {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    if (slot.current) clearTimeout(slot.current.timer);
    void slot.worker.terminate();
  }

  function finish(slot: Slot, settle: (pending: Pending) => void) {
    const current = slot.current;
    if (!current) return;
    clearTimeout(current.timer);
    slot.current = null;
    slot.busySince = null;
    slot.worker.unref();
    settle(current.pending);
    pump();
  }

  function startWorker(): Slot {
    const worker = new Worker(workerUrl(), {
      resourceLimits: { maxOldGenerationSizeMb: memoryBudgetMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    });
    // An idle pool must not keep a process (a CLI command, a test run) alive.
    worker.unref();
    let markReady: () => void = () => {};
    let failStart: (error: Error) => void = () => {};
    const slot: Slot = {
      worker,
      sent: Object.fromEntries(KEPT_PARTS.map((part) => [part, new Set<number>()])) as Record<KeptPart, Set<number>>,
      busySince: null,
      current: null,
      ready: new Promise<void>((resolve, reject) => {
        markReady = resolve;
        failStart = reject;
      }),
    };
    slot.ready.catch(() => {});
    worker.on("message", (message: RenderOutcome | { ready: true }) => {
      if ("ready" in message) return markReady();
      if (!slot.current || slot.current.id !== message.id) return;
      finish(slot, (pending) => {
        if (message.ok) pending.resolve(message.doc);
        else if (message.kind === "template") pending.reject(templateError(message.message));
        else pending.reject(new Error(`the Liquid render worker failed: ${message.message}`));
      });
    });
    worker.on("error", (error: Error & { code?: string }) => {
      const outOfMemory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
      failStart(new Error(`the Liquid render worker could not start: ${error.message}`));
      finish(slot, (pending) => pending.reject(outOfMemory ? memoryBudgetError(memoryBudgetMb) : error));
      retire(slot);
    });
    worker.on("exit", () => {
      failStart(new Error("the Liquid render worker exited while starting"));
      finish(slot, (pending) => pending.reject(new Error("the Liquid render worker exited while rendering")));
      retire(slot);
    });
    slots.push(slot);
    return slot;
  }

  async function run(slot: Slot, pending: Pending) {
    try {
      await slot.ready;
    } catch (error) {
      retire(slot);
      pending.reject(error);
      pump();
      return;
    }
    // Busy from here: a worker still starting is not behind, and another started meanwhile would
    // compile the same code again (the first prints of a process, or a busy machine).
    slot.busySince = performance.now();
    const id = nextJobId++;
    const job: RenderJob = { ...pending.job, id, parts: {} };
    for (const part of KEPT_PARTS) {
      const sent = slot.sent[part];
      if (sent.has(job.ids[part])) continue;
      Object.assign(job.parts, { [part]: pending.parts[part] });
      // The worker keeps the last few it was sent, in the same order: forget what it forgets.
      sent.add(job.ids[part]);
      if (sent.size > KEEP_PARTS) sent.delete(sent.values().next().value!);
    }
    // The budget starts once the worker has the job: waiting in the queue is not the template's fault.
    const timer = setTimeout(() => {
      finish(slot, (p) => p.reject(timeBudgetError(p.budgetMs)));
      retire(slot);
    }, pending.budgetMs);
    slot.current = { id, pending, timer };
    slot.worker.ref();
    slot.worker.postMessage(job);
  }

  // A slot handed a job that waits for the worker to start is taken, though `current` is not set yet.
  const reserved = new Set<Slot>();

  let spillTimer: NodeJS.Timeout | null = null;

  /**
   * The worker for the next job: the first free one, in the order they were started, but another
   * than the first only once those before it have each been on their job for `spillAfterMs`. A
   * document takes a few milliseconds, so one worker keeps up with printing; each more worker
   * is another V8 isolate compiling and collecting the same Liquid and sanitizer code, which in
   * `bench:pdf` cost about 3 ms of CPU per document on top (docs/decisions/034-http-hot-path.md).
   * A template that runs long (up to its time budget) holds the next print back that long at most.
   */
  function nextSlot(): Slot | undefined {
    const now = performance.now();
    for (const slot of slots) {
      if (!slot.current && !reserved.has(slot)) return slot;
      const wait = (slot.busySince ?? now) + spillAfterMs - now;
      if (wait > 0) {
        spillTimer ??= setTimeout(() => {
          spillTimer = null;
          pump();
        }, wait).unref();
        return undefined;
      }
    }
    return slots.length < size ? startWorker() : undefined;
  }

  function pump() {
    while (queue.length && !closed) {
      const slot = nextSlot();
      if (!slot) return;
      const pending = queue.shift()!;
      reserved.add(slot);
      void run(slot, pending).finally(() => reserved.delete(slot));
    }
  }

  return {
    render(template, contexts, settings) {
      if (closed) return Promise.reject(new Error("the Liquid render pool is closed"));
      return new Promise<RenderedDocument>((resolve, reject) => {
        queue.push({
          job: {
            contexts,
            locale: settings.locale,
            language: settings.language,
            ids: { template: templateId(template), messages: objectId(settings.messages), schema: objectId(settings.compiled) },
          },
          parts: {
            template: { html: template.html, css: template.css, page: template.page },
            messages: settings.messages,
            schema: settings.compiled,
          },
          budgetMs: timeBudgetMs * Math.max(1, contexts.length),
          resolve,
          reject,
        });
        pump();
      });
    },
    async close() {
      closed = true;
      if (spillTimer) clearTimeout(spillTimer);
      for (const pending of queue.splice(0)) pending.reject(new Error("the Liquid render pool was closed"));
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}

const shared = globalThis as unknown as { __tesseraLiquidPool?: LiquidPool };

/** The process's pool (like its one Chromium), kept across dev rebuilds. */
export function sharedLiquidPool(): LiquidPool {
  return (shared.__tesseraLiquidPool ??= createLiquidPool());
}
