import type { Browser, CDPSession, Protocol } from "puppeteer";
import type { RenderedDocument } from "./render-html";

/**
 * A Chromium tab that prints, driven over its own DevTools session with the few commands printing
 * needs, instead of Puppeteer's `Page` (ADR 034, "Printing without Puppeteer's page").
 *
 * A `Page` turns on the Runtime, Network, Log and Performance domains, tracks frames and execution
 * contexts, keeps an isolated JavaScript world beside each document, evaluates
 * `document.open/write/close` in it for every print, and reads the PDF back over a stream: Chromium
 * and Node time per document that printing does not need. Here the document is set with
 * `Page.setDocumentContent`, its `load` and its fonts are awaited, and the PDF comes back in the
 * reply to `Page.printToPDF`. The same Chromium does the same layout and printing.
 *
 * What the page may do is what a `Page` was allowed before: no JavaScript, and every request that
 * is not a `data:` URL fails, so neither a template nor a record can read a file or reach the
 * network (what Chromium starts without a request, a prefetch or a preconnect, finds no proxy:
 * `printingChromiumArgs`).
 */
export interface PrintTab {
  print(doc: RenderedDocument, options: { tagged: boolean }): Promise<Buffer>;
  /** False once it crashed, its session went away or its browser closed: close it, do not reuse it. */
  readonly usable: boolean;
  close(): Promise<void>;
}

const MM_PER_INCH = 25.4;
/** Portrait paper in inches (Chromium turns it for `landscape`), as Puppeteer's `format` gives it. */
const PAPER = {
  A4: { paperWidth: 210 / MM_PER_INCH, paperHeight: 297 / MM_PER_INCH },
  Letter: { paperWidth: 8.5, paperHeight: 11 },
} as const;

/** Chromium's `printToPDF` parameters for a document; an empty header or footer is a blank span. */
export function printParameters(doc: RenderedDocument, tagged: boolean): Protocol.Page.PrintToPDFRequest {
  const m = doc.page.margins;
  const withMargins = doc.headerTemplate !== undefined || doc.footerTemplate !== undefined;
  return {
    ...PAPER[doc.page.size],
    landscape: doc.page.orientation === "landscape",
    marginTop: m.top / MM_PER_INCH,
    marginRight: m.right / MM_PER_INCH,
    marginBottom: m.bottom / MM_PER_INCH,
    marginLeft: m.left / MM_PER_INCH,
    displayHeaderFooter: withMargins,
    headerTemplate: doc.headerTemplate ?? "<span></span>",
    footerTemplate: doc.footerTemplate ?? "<span></span>",
    printBackground: true,
    generateTaggedPDF: tagged,
    generateDocumentOutline: false,
  };
}

/**
 * Web fonts are the only thing a document may still be loading once `load` fired, and it can only
 * declare one in an `@font-face` rule: written out, with an escape in the at-rule's name, or in a
 * stylesheet it imports or links as `data:` (every other request fails). Waiting costs about 2 ms
 * of CPU, so a document with none of these prints at once.
 */
export const mayUseWebFonts = (html: string) => /@font-face|@import|@[\w-]*\\|data:\s*text\/css/i.test(html);

/**
 * `document.fonts.ready`, read through Document's own getter: an element named `fonts` would stand
 * in for `document.fonts`, and no script of the page can run to change the getter.
 */
const FONTS_READY = `Object.getOwnPropertyDescriptor(Document.prototype, "fonts").get.call(document).ready.then(() => true)`;

/**
 * Opens a blank tab in `browser`, through `browserSession` (the browser target's own session), set
 * up to print: scripts off, only `data:` requests let through.
 */
export async function openPrintTab(browser: Browser, browserSession: CDPSession): Promise<PrintTab> {
  const { targetId } = await browserSession.send("Target.createTarget", { url: "about:blank" });
  const closeTarget = () =>
    browserSession.send("Target.closeTarget", { targetId }).then(
      () => {},
      () => {},
    );
  let session: CDPSession;
  let frameId: string;
  try {
    const { sessionId } = await browserSession.send("Target.attachToTarget", { targetId, flatten: true });
    const attached = browserSession.connection()?.session(sessionId);
    if (!attached) throw new Error(`no DevTools session ${sessionId} for the new tab`);
    session = attached;
    session.on("Fetch.requestPaused", ({ requestId, request }) => {
      const answer = request.url.startsWith("data:")
        ? session.send("Fetch.continueRequest", { requestId })
        : session.send("Fetch.failRequest", { requestId, errorReason: "BlockedByClient" });
      // A tab closed meanwhile has no request left to answer.
      answer.catch(() => {});
    });
    // All four are in force before the first document is set: a `Page` did the same two steps.
    await Promise.all([
      session.send("Emulation.setScriptExecutionDisabled", { value: true }),
      session.send("Fetch.enable", { patterns: [{ urlPattern: "*" }] }),
      session.send("Page.enable"),
      session.send("Page.setLifecycleEventsEnabled", { enabled: true }),
    ]);
    frameId = (await session.send("Page.getFrameTree")).frameTree.frame.id;
  } catch (error) {
    await closeTarget();
    throw error;
  }

  let broken: Error | null = null;
  const waiting = new Set<(error: Error) => void>();
  const breakWith = (error: Error) => {
    broken ??= error;
    for (const fail of waiting) fail(broken);
  };
  const onCrash = () => breakWith(new Error("the printing tab crashed"));
  const onDetach = ({ reason }: { reason: string }) => breakWith(new Error(`the printing tab went away (${reason})`));
  const onClosed = () => breakWith(new Error("Chromium closed"));
  session.on("Inspector.targetCrashed", onCrash);
  session.on("Inspector.detached", onDetach);
  browser.on("disconnected", onClosed);

  return {
    get usable() {
      return broken === null && browser.connected;
    },
    async print(doc, { tagged }) {
      if (broken) throw broken;
      // document.open (which setDocumentContent is) starts a lifecycle at `init`; a `load` counts
      // only after it, so nothing of the document printed before can end the wait.
      let started = false;
      let settle!: { resolve(): void; reject(error: Error): void };
      const loaded = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
      loaded.catch(() => {});
      const onLifecycle = ({ name, frameId: frame }: Protocol.Page.LifecycleEventEvent) => {
        if (frame !== frameId) return;
        if (name === "init") started = true;
        else if (name === "load" && started) settle.resolve();
      };
      session.on("Page.lifecycleEvent", onLifecycle);
      waiting.add(settle.reject);
      try {
        await session.send("Page.setDocumentContent", { frameId, html: doc.html });
        await loaded;
        // Should it fail, the document prints with the fonts it has, as it would have without the wait.
        if (mayUseWebFonts(doc.html)) await session.send("Runtime.evaluate", { expression: FONTS_READY, awaitPromise: true });
        const { data } = await session.send("Page.printToPDF", printParameters(doc, tagged));
        return Buffer.from(data, "base64");
      } finally {
        session.off("Page.lifecycleEvent", onLifecycle);
        waiting.delete(settle.reject);
      }
    },
    async close() {
      breakWith(new Error("the printing tab is closed"));
      browser.off("disconnected", onClosed);
      session.off("Inspector.targetCrashed", onCrash);
      session.off("Inspector.detached", onDetach);
      await closeTarget();
    },
  };
}
