import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ApiError } from "@runtime/errors";
import { createPdfRenderer, removeStaleChromiumProfiles } from "@runtime/print/pdf.server";
import { DEFAULT_PAGE } from "@runtime/print/template";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken } from "../helpers/auth";
import { hasTool } from "../helpers/tools";

const HAS_POPPLER = hasTool("pdftotext") && hasTool("pdfinfo") && hasTool("pdffonts");

/** Runs a poppler tool on a PDF held in memory. */
function poppler(tool: string, pdf: Buffer, ...args: string[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tessera-tab-")), "doc.pdf");
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync(tool, [...args, file, ...(tool === "pdftotext" ? ["-"] : [])]).toString("utf8");
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** A 1×1 PNG, the kind of `data:` image a logo field prints as. */
const PNG_1PX = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** The ids of the Chromium processes printing for the app process `pid` (its profile is named after it). */
function chromiumOf(pid: number): number[] {
  const profile = `--user-data-dir=${path.join(os.tmpdir(), `tessera-print-${pid}-`)}`;
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return fs
          .readFileSync(`/proc/${entry}/cmdline`, "utf8")
          .split("\0")
          .some((arg) => arg.startsWith(profile));
      } catch {
        return false; // it ended while we looked
      }
    })
    .map(Number);
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe("Chromium for printing", () => {
  let server: AppServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it("dies with the app when the app is killed with SIGKILL", async () => {
    server = await startAppServer();
    const token = await createApiToken(server.url);
    const auth = { Authorization: `Bearer ${token}` };
    const { rows } = (await (await fetch(`${server.url}/api/t/invoices?pageSize=1`, { headers: auth })).json()) as {
      rows: { id: number }[];
    };
    const pdf = await fetch(`${server.url}/api/print/invoice/${rows[0].id}.pdf`, { headers: auth });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const pid = server.pid;
    expect(chromiumOf(pid).length).toBeGreaterThan(0);

    process.kill(pid, "SIGKILL");
    const gone = await waitUntil(() => chromiumOf(pid).length === 0, 10_000);
    const survivors = chromiumOf(pid);
    for (const survivor of survivors) process.kill(survivor, "SIGKILL");
    expect(gone, `Chromium processes ${survivors.join(", ")} outlived the killed app`).toBe(true);
    // What it leaves is its profile, which the next start removes.
    const profiles = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`tessera-print-${pid}-`));
    expect(profiles()).toHaveLength(1);
    await removeStaleChromiumProfiles();
    expect(profiles()).toEqual([]);
  });

  it("answers 422 with what to change when Chromium takes too long to print", async () => {
    const renderer = createPdfRenderer({ timeoutMs: 1 });
    try {
      const error = await renderer.render({ html: "<p>Invoice</p>", page: DEFAULT_PAGE }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(422);
      expect((error as ApiError).message).toMatch(/took longer than .* print fewer records/);
    } finally {
      await renderer.close();
    }
  });
});

describe("the printing tab", () => {
  const renderer = createPdfRenderer({ poolSize: 1 });
  afterAll(async () => {
    await renderer.close();
  });

  it("runs no script and fetches nothing but data: URLs, and still prints the page", async () => {
    const asked: string[] = [];
    let connections = 0;
    const spy = http.createServer((req, res) => {
      asked.push(req.url ?? "");
      res.end("fetched");
    });
    spy.on("connection", () => connections++);
    await new Promise<void>((resolve) => spy.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(spy.address() as AddressInfo).port}`;
    try {
      // Prefetch and preconnect are Chromium's own: no request for the tab to refuse (the proxy that
      // is not there stops them, pdf.server.ts).
      const html = `<!doctype html><html><head><link rel="stylesheet" href="${base}/linked.css">
<link rel="prefetch" href="${base}/prefetched"><link rel="preconnect" href="${base}"><link rel="dns-prefetch" href="${base}">
<style>@import url("${base}/imported.css"); body { background: url("${base}/background.png") }</style></head>
<body><p id="total">Total 42.00</p><img src="${base}/logo.png"><img src="${PNG_1PX}" alt="">
<iframe src="file:///etc/hostname"></iframe><iframe src="${base}/frame.html"></iframe>
<script>document.getElementById("total").textContent = "changed by a script"; new Image().src = "${base}/beacon";</script>
</body></html>`;
      const pdf = await renderer.render({ html, page: DEFAULT_PAGE });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(asked, "requests that reached the network").toEqual([]);
      expect(connections, "connections opened to the spy").toBe(0);
      if (!HAS_POPPLER) return;
      const text = poppler("pdftotext", pdf);
      expect(text).toContain("Total 42.00");
      expect(text).not.toContain("changed by a script");
      expect(text).not.toContain("fetched");
      const hostname = fs.readFileSync("/etc/hostname", "utf8").trim();
      if (hostname) expect(text).not.toContain(hostname);
    } finally {
      spy.closeAllConnections();
      await new Promise((resolve) => spy.close(resolve));
    }
  });

  it("prints A4 and Letter, upright and turned, at their paper sizes with the page number in the footer", async () => {
    if (!HAS_POPPLER) return;
    const sizes: string[] = [];
    for (const size of ["A4", "Letter"] as const)
      for (const orientation of ["portrait", "landscape"] as const) {
        const pdf = await renderer.render({
          html: `<p>${size} ${orientation}</p>`,
          page: { ...DEFAULT_PAGE, size, orientation },
          footerTemplate: '<div>Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
        });
        const [width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(poppler("pdfinfo", pdf))!.slice(1).map(Number);
        sizes.push(`${size} ${orientation} ${Math.round(width)}×${Math.round(height)}`);
        const text = poppler("pdftotext", pdf);
        expect(text).toContain(`${size} ${orientation}`);
        expect(text).toContain("Page 1 of 1");
      }
    // 210 × 297 mm and 8.5 × 11 in, in points (Chromium rounds to its own units, hence whole points).
    expect(sizes).toEqual(["A4 portrait 596×842", "A4 landscape 842×596", "Letter portrait 612×792", "Letter landscape 792×612"]);
  });

  it("waits for a web font the template brings as a data: URL, and prints with it", async () => {
    if (!HAS_POPPLER) return;
    const font = fs.readFileSync("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf").toString("base64");
    const html = `<!doctype html><html><head><style>
@font-face { font-family: "Letterhead"; src: url("data:font/ttf;base64,${font}") format("truetype"); }
p { font-family: "Letterhead"; }</style></head><body><p>Letterhead text</p></body></html>`;
    const pdf = await renderer.render({ html, page: DEFAULT_PAGE });
    expect(poppler("pdffonts", pdf)).toMatch(/DejaVuSansMono/);
    expect(poppler("pdftotext", pdf)).toContain("Letterhead text");
  });
});
