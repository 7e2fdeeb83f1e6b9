import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer, { type Browser } from "puppeteer";
import { chromiumArgs, chromiumExecutablePath } from "@runtime/print/pdf.server";

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
