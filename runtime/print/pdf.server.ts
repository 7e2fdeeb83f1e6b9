import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, CDPSession } from "puppeteer";
import { ApiError } from "../errors";
import type { RenderedDocument } from "./render-html";
import { openPrintTab, type PrintTab } from "./print-tab.server";
import { printRefusal } from "./print-words";

export interface PdfRenderer {
  render(doc: RenderedDocument): Promise<Buffer>;
  close(): Promise<void>;
}

export interface PdfRendererOptions {
  /** Pages kept open for printing; default 2 (one per core on the reference machine). */
  poolSize?: number;
  /** A render that takes longer is abandoned with a clear error; default 20 s. */
  timeoutMs?: number;
  executablePath?: string;
  /**
   * Tagged (accessible) PDF: a structure tree for screen readers. Off by default
   * (`TESSERA_PRINT_TAGGED_PDF=1` turns it on): it makes an invoice about 40 % larger and its
   * printing about 15 % slower, and printed forms are read on paper or as page images.
   */
  taggedPdf?: boolean;
}

export class PdfRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PdfRenderError";
  }
}

/** The installed Chromium; npm install never downloads one (see .puppeteerrc.cjs). */
export function chromiumExecutablePath(env: Record<string, string | undefined> = process.env): string {
  return env.PUPPETEER_EXECUTABLE_PATH?.trim() || "/usr/bin/chromium";
}

/** Profiles are named after the app's process id, so a later start can tell whose owner is gone. */
const PROFILE_PREFIX = "tessera-print-";
const profilePrefix = (pid: number) => `${PROFILE_PREFIX}${pid}-`;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the Chromium profiles that an app killed while printing left behind (its Chromium died
 * with it, see createPdfRenderer). A profile whose app still runs (another instance, another
 * test) is left alone. Answers how many were removed.
 */
export async function removeStaleChromiumProfiles(dir: string = os.tmpdir()): Promise<number> {
  const stale = (await fs.promises.readdir(dir).catch(() => [] as string[])).filter((name) => {
    const pid = /^tessera-print-(\d+)-/.exec(name)?.[1];
    return pid !== undefined && Number(pid) !== process.pid && !processAlive(Number(pid));
  });
  await Promise.all(stale.map((name) => fs.promises.rm(path.join(dir, name), { recursive: true, force: true, maxRetries: 3 })));
  return stale.length;
}

/**
 * Flags for a quiet, reproducible headless Chromium (printing and the end-to-end tests): no
 * background traffic, no first-run UI, /tmp instead of the small /dev/shm of containers. The
 * sandbox needs a non-root user.
 */
export function chromiumArgs(isRoot: boolean = process.getuid?.() === 0): string[] {
  return [
    "--headless=new",
    ...(isRoot ? ["--no-sandbox"] : []),
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--mute-audio",
  ];
}

/**
 * The printing Chromium's flags: `chromiumArgs`, and every connection it would open sent to a
 * proxy that is not there, loopback included. The tabs fail every request a document makes
 * (print-tab.server.ts), but Chromium starts a few without asking them: a `<link rel=prefetch>`
 * fetches and a preconnect opens a socket. With nowhere to go, none leaves the machine or reaches
 * a service on it.
 */
export function printingChromiumArgs(isRoot?: boolean): string[] {
  return [...chromiumArgs(isRoot), "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"];
}

/** The document is what takes too long (pages, images), so it is the caller's to change: 422, not 500. */
const printTimeout = (timeoutMs: number) => printRefusal(422, "timeout", { seconds: timeoutMs / 1000 });

/** A running Chromium and its browser target's DevTools session, which opens the printing tabs. */
interface Chromium {
  browser: Browser;
  session: CDPSession;
}

/**
 * One shared Chromium, started on the first print, with a bounded pool of tabs. Every tab has
 * JavaScript off and refuses every request that is not `data:`, so neither a template nor a
 * record can read local files or reach the network (print-tab.server.ts). A crashed browser is
 * replaced on the next print; a tab that hangs or crashes is thrown away.
 */
export function createPdfRenderer(options: PdfRendererOptions = {}): PdfRenderer {
  const poolSize = Math.max(1, options.poolSize ?? 2);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const tagged = options.taggedPdf ?? process.env.TESSERA_PRINT_TAGGED_PDF === "1";
  let browser: Promise<Chromium> | null = null;
  let closed = false;
  const idle: PrintTab[] = [];
  // Tabs open or being opened, counted against poolSize. When a browser goes away its tabs stop
  // counting at once, so their prints, ending later, must not count down what the next browser's
  // tabs count up: each tab remembers the browser generation it was counted in.
  let open = 0;
  let generation = 0;
  const countedIn = new WeakMap<PrintTab, number>();
  const uncount = (counted: number | undefined) => {
    if (counted === generation) open--;
  };
  const waiting: ((tab: PrintTab | Error) => void)[] = [];

  function getBrowser(): Promise<Chromium> {
    if (!browser) {
      const exe = options.executablePath ?? chromiumExecutablePath();
      const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), profilePrefix(process.pid)));
      // Over a pipe instead of a WebSocket: Chromium exits as soon as the pipe closes, so when the
      // app dies, even by kill -9, its Chromium (and every process Chromium started) dies with it
      // instead of living on under PID 1.
      // Loaded on the first print: a quarter of a second that the CLI and a server that never prints skip.
      const launching = import("puppeteer")
        .then(({ default: puppeteer }) =>
          puppeteer.launch({ executablePath: exe, headless: true, pipe: true, args: printingChromiumArgs(), userDataDir }),
        )
        .then(async (b) => {
          b.once("disconnected", () => {
            // Crashed or closed: forget it and its tabs; the next print starts a fresh one.
            if (browser === launching) browser = null;
            idle.length = 0;
            open = 0;
            generation++;
            fs.promises.rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => {});
          });
          try {
            return { browser: b, session: await b.target().createCDPSession() };
          } catch (error) {
            await b.close().catch(() => {});
            throw error;
          }
        })
        .catch((error: Error) => {
          browser = null;
          fs.promises.rm(userDataDir, { recursive: true, force: true }).catch(() => {});
          throw new PdfRenderError(`could not start Chromium at ${exe} for printing: ${error.message}`);
        });
      browser = launching;
    }
    return browser;
  }

  /** A new tab, counted in the pool (the caller has counted it up in `counted`). */
  async function newTab(counted: number): Promise<PrintTab> {
    try {
      const chromium = await getBrowser();
      const tab = await openPrintTab(chromium.browser, chromium.session);
      countedIn.set(tab, counted);
      return tab;
    } catch (error) {
      uncount(counted);
      throw error;
    }
  }

  async function acquire(): Promise<PrintTab> {
    if (closed) throw new PdfRenderError("the PDF renderer is closed");
    for (;;) {
      const tab = idle.pop();
      if (!tab) break;
      if (tab.usable) return tab;
      uncount(countedIn.get(tab));
      void tab.close();
    }
    if (open < poolSize) {
      open++;
      return newTab(generation);
    }
    const next = await new Promise<PrintTab | Error>((resolve) => waiting.push(resolve));
    if (next instanceof Error) throw next;
    return next;
  }

  function release(tab: PrintTab, healthy: boolean) {
    if (!healthy || closed || !tab.usable) {
      uncount(countedIn.get(tab));
      void tab.close();
      const waiter = waiting.shift();
      // A waiter gets a fresh tab instead of the broken one.
      if (waiter) {
        open++;
        newTab(generation).then(waiter, waiter);
      }
      return;
    }
    const waiter = waiting.shift();
    if (waiter) waiter(tab);
    else idle.push(tab);
  }

  return {
    async render(doc) {
      const tab = await acquire();
      let timer: NodeJS.Timeout | undefined;
      let healthy = true;
      try {
        return await Promise.race([
          tab.print(doc, { tagged }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(printTimeout(timeoutMs)), timeoutMs);
          }),
        ]);
      } catch (error) {
        healthy = false;
        if (error instanceof PdfRenderError || error instanceof ApiError) throw error;
        if ((error as Error).name === "TimeoutError") throw printTimeout(timeoutMs);
        throw new PdfRenderError(`Chromium could not print the document: ${(error as Error).message}`);
      } finally {
        clearTimeout(timer);
        release(tab, healthy);
      }
    },
    async close() {
      closed = true;
      for (const w of waiting.splice(0)) w(new PdfRenderError("the PDF renderer was closed"));
      const b = browser;
      browser = null;
      idle.length = 0;
      if (b) await (await b.catch(() => null))?.browser.close().catch(() => {});
    },
  };
}
