import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer, { type Browser, type Viewport } from "puppeteer";
import { chromiumArgs, chromiumExecutablePath } from "@runtime/print/pdf.server";
import { startAppServer } from "./app-server";
import { signInPage } from "./auth";

export { chromiumArgs, chromiumExecutablePath };

/** A headless Chromium with its own temporary profile, removed when the browser closes. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumExecutablePath();
  if (!fs.existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}. Install one (Debian: apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH.`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-chromium-"));
  const browser = await puppeteer.launch({ executablePath, headless: true, args: chromiumArgs(), userDataDir });
  // Chromium's last writes can race the removal; a leftover temp folder is no reason to fail a test.
  browser.once("disconnected", () => {
    fs.promises.rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => {});
  });
  return browser;
}

/** A fresh app server and a Chromium page signed in to it as the test admin, for one e2e file. */
export async function signedInSession(viewport: Viewport, options: { bypassCSP?: boolean } = {}) {
  const [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  const page = await browser.newPage();
  // Scripts a test injects (axe-core) would be refused by the app's Content-Security-Policy.
  if (options.bypassCSP) await page.setBypassCSP(true);
  await page.setViewport(viewport);
  await signInPage(page, server.url);
  return {
    server,
    browser,
    page,
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}
