import { execFileSync } from "node:child_process";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_JOB_RECORDS } from "@runtime/print/print-jobs";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createApiToken, signIn } from "../helpers/auth";
import { testDatabases, type TestDatabase } from "../helpers/databases";
import { httpClient, type HttpAnswer } from "./records-http";
import { hasTool } from "../helpers/tools";

/**
 * Batch print jobs over HTTP on every test database: 150 fresh invoices (made through the records
 * API) printed into one PDF and into a ZIP by the server's job workers, the progress polled to the
 * end, a job hidden from another user, cancelling, and the record cap. PDFs are read back with
 * pdftotext and pdfinfo.
 */
type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const COUNT = 150;

const HAS_POPPLER = hasTool("pdftotext") && hasTool("pdfinfo");

describe.each(testDatabases)("print jobs on $name", ({ create }) => {
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;
  let token: string | undefined;
  let otherToken: string | undefined;
  const invoices: { id: number; number: string }[] = [];
  let clientId = 0;
  const call = httpClient(
    () => server!.url,
    () => token,
  );
  const asOther = httpClient(
    () => server!.url,
    () => otherToken,
  );
  const ok = (answer: HttpAnswer, status = 200) => {
    expect(answer.status, `${answer.text.slice(0, 500)}\n${server!.output().slice(-2000)}`).toBe(status);
    return answer.json;
  };
  const file = async (jobId: string, bearer = token) => {
    const response = await fetch(`${server!.url}/api/print/jobs/${jobId}/file`, { headers: { Authorization: `Bearer ${bearer}` } });
    return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
  };
  /** Polls until the job ends, returning every `done` it reported on the way. */
  const waitForJob = async (jobId: string) => {
    const seen: number[] = [];
    // Any answer but a running job's ends the wait, so ok() reports a failing poll at once.
    const last = await vi.waitFor(
      async () => {
        const answer = await call("GET", `/api/print/jobs/${jobId}`);
        if (answer.status !== 200) return answer;
        seen.push(answer.json.done);
        if (answer.json.state === "running") throw new Error(`print job ${jobId} did not finish: ${answer.json.done} printed`);
        return answer;
      },
      { timeout: 120_000, interval: 100 },
    );
    return { status: ok(last), seen };
  };

  beforeAll(async () => {
    database = await create();
    server = await startAppServer({ database });
    token = await createApiToken(server.url);
    const client = ok(
      await call("POST", "/api/t/clients", { body: { kind: "company", name: "Batchworth & Sons Ltd", status: "active" } }),
      201,
    ) as Row;
    clientId = client.id;
    for (let i = 0; i < COUNT; i++) {
      const items = [
        { description: `Batch line A${i}`, quantity: 1 + (i % 3), price: 100 + i, tax_rate: 20 },
        { description: `Batch line B${i}`, quantity: 2, price: 12.5, tax_rate: 20 },
      ];
      const made = ok(
        await call("POST", "/api/t/invoices", {
          body: { client: client.id, date: "2026-11-02", status: "issued", currency: "EUR", items },
        }),
        201,
      ) as Row;
      invoices.push({ id: made.id, number: made.number });
    }
    const other = { name: "Olga Other", email: "olga@tessera.test", role: "accountant", password: "olga-password-123456" };
    ok(await call("POST", "/api/users", { body: other }), 201);
    otherToken = await createApiToken(server.url, await signIn(server.url, other.email, other.password), "other");
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it(`prints ${COUNT} invoices into one PDF, the progress reaching the total`, async () => {
    expect(invoices.every((i) => /^INV-2026-\d{4}$/.test(i.number))).toBe(true);
    const started = ok(await call("POST", "/api/print/invoice/jobs", { body: { ids: invoices.map((i) => i.id), format: "pdf" } }), 202);
    expect(started).toMatchObject({ state: "running", format: "pdf", total: COUNT, fileName: `Invoice – ${COUNT} Invoices.pdf` });
    const { status, seen } = await waitForJob(started.jobId);
    expect(status).toMatchObject({ state: "done", done: COUNT, total: COUNT });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size, "the progress moved in steps, not all at once").toBeGreaterThan(2);

    const pdf = await file(started.jobId);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; filename=/);
    // Streamed from the database part by part, with its length known up front.
    expect(Number(pdf.headers.get("content-length"))).toBe(pdf.bytes.byteLength);
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    if (!HAS_POPPLER) return;
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", ["-"], { input: pdf.bytes }).toString())?.[1]);
    expect(pages).toBeGreaterThanOrEqual(COUNT);
    const text = execFileSync("pdftotext", ["-raw", "-", "-"], { input: pdf.bytes, maxBuffer: 64 * 1024 * 1024 }).toString();
    const missing = invoices.filter((i) => !text.includes(i.number)).map((i) => i.number);
    expect(missing).toEqual([]);
    // Each invoice counts its own pages, not the whole batch's.
    expect(text.match(/Page 1 of \d+/g)?.length).toBe(COUNT);
    expect(text).not.toMatch(new RegExp(`Page \\d+ of ${pages}\\b`));
  }, 240_000);

  it(`prints ${COUNT} invoices into a ZIP of one PDF each, with unique names`, async () => {
    const started = ok(await call("POST", "/api/print/invoice/jobs", { body: { ids: invoices.map((i) => i.id), format: "zip" } }), 202);
    const { status } = await waitForJob(started.jobId);
    expect(status).toMatchObject({ state: "done", done: COUNT, fileName: `Invoice – ${COUNT} Invoices.zip` });
    const zip = await file(started.jobId);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    const entries = unzipSync(zip.bytes);
    const names = Object.keys(entries);
    expect(names).toHaveLength(COUNT);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(COUNT);
    expect(names.sort()).toEqual(invoices.map((i) => `${i.number} Batchworth & Sons Ltd.pdf`).sort());
    for (const name of names) expect(Buffer.from(entries[name].subarray(0, 5)).toString(), name).toBe("%PDF-");
    if (!HAS_POPPLER) return;
    const first = invoices[0];
    expect(
      execFileSync("pdftotext", ["-raw", "-", "-"], { input: entries[`${first.number} Batchworth & Sons Ltd.pdf`] }).toString(),
    ).toContain(first.number);
  }, 240_000);

  it("hides a job from another user, who gets the same 404 as for a job that does not exist", async () => {
    const started = ok(await call("POST", "/api/print/invoice/jobs", { body: { ids: invoices.slice(0, 2).map((i) => i.id) } }), 202);
    expect(started.format).toBe("pdf");
    for (const answer of [
      await asOther("GET", `/api/print/jobs/${started.jobId}`),
      await asOther("DELETE", `/api/print/jobs/${started.jobId}`),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.json.error).toMatch(/^there is no print job/);
    }
    expect((await file(started.jobId, otherToken)).status).toBe(404);
    expect((await asOther("GET", `/api/print/jobs/no-such-job`)).json.error).toMatch(/^there is no print job "no-such-job"/);
    expect((await waitForJob(started.jobId)).status.state).toBe("done");
    expect((await file(started.jobId)).status).toBe(200);
  }, 60_000);

  it("cancels a running job, which then has no file", async () => {
    // A copy of the template nobody printed yet: no issued invoice has a kept print of it, so the
    // job renders every one and is still running when it is canceled.
    const copy = ok(await call("POST", "/api/prints/invoice/duplicate", { body: { name: "Invoice to cancel" } }), 201);
    const started = ok(await call("POST", `/api/print/${copy.id}/jobs`, { body: { ids: invoices.map((i) => i.id), format: "zip" } }), 202);
    const canceled = ok(await call("DELETE", `/api/print/jobs/${started.jobId}`));
    expect(canceled).toMatchObject({ state: "canceled", total: COUNT });
    expect(canceled.done).toBeLessThan(COUNT);
    // Another job printed from start to end after the cancel: the canceled one had the printer meanwhile too.
    const next = ok(await call("POST", "/api/print/invoice/jobs", { body: { ids: [invoices[0].id] } }), 202);
    expect((await waitForJob(next.jobId)).status.state).toBe("done");
    const later = ok(await call("GET", `/api/print/jobs/${started.jobId}`));
    expect(later.state).toBe("canceled");
    expect(later.done, "printing stopped soon after the cancel").toBeLessThan(COUNT);
    const answer = await call("GET", `/api/print/jobs/${started.jobId}/file`);
    expect(answer.status).toBe(409);
    expect(answer.json.error).toBe("the print job was canceled and has no file: print again");
  }, 60_000);

  it("prints a receipt only for the paid invoices a query finds, and skips chosen ones it does not fit", async () => {
    const paid = invoices.slice(0, 3);
    for (const invoice of paid) {
      const full = ok(await call("GET", `/api/t/invoices/${invoice.id}`)) as Row;
      ok(
        await call("POST", "/api/t/payments", {
          body: { invoice: invoice.id, date: "2026-11-03", amount: full.total, currency: "EUR", method: "bank_transfer" },
        }),
        201,
      );
    }
    const query = { filter: { field: "client", op: "eq", value: clientId }, sort: "id" };
    const started = ok(await call("POST", "/api/print/receipt/jobs", { body: { query, format: "zip" } }), 202);
    expect(started).toMatchObject({ total: 3, skipped: COUNT - 3, skippedNames: [], fileName: "Payment receipt – 3 Invoices.zip" });
    const { status } = await waitForJob(started.jobId);
    expect(status).toMatchObject({ state: "done", done: 3, skipped: COUNT - 3 });
    const entries = Object.keys(unzipSync((await file(started.jobId)).bytes)).sort();
    expect(entries).toEqual(paid.map((i) => `${i.number} Batchworth & Sons Ltd.pdf`).sort());

    // Chosen ids are not narrowed up front: the ones the condition rules out are named instead.
    const chosen = [paid[0].id, invoices[10].id, paid[1].id, invoices[11].id];
    const job = ok(await call("POST", "/api/print/receipt/jobs", { body: { ids: chosen } }), 202);
    expect((await waitForJob(job.jobId)).status).toMatchObject({
      state: "done",
      done: 2,
      total: 2,
      skipped: 2,
      skippedNames: [invoices[10].number, invoices[11].number],
      fileName: "Payment receipt – 2 Invoices.pdf",
    });

    const none = await call("POST", "/api/print/receipt/jobs", {
      body: { query: { filter: { and: [query.filter, { field: "payment_state", op: "eq", value: "unpaid" }] } } },
    });
    expect(none.status).toBe(400);
    expect(none.json.error).toBe(
      `the template is not offered for any of the ${COUNT - 3} records that match: its condition does not hold for them; choose another template or change the filter`,
    );
    const unpaid = ok(await call("POST", "/api/print/receipt/jobs", { body: { ids: [invoices[12].id] } }), 202);
    expect((await waitForJob(unpaid.jobId)).status).toMatchObject({
      state: "failed",
      error: `nothing was printed: the template's condition does not hold for ${invoices[12].number}`,
    });
  }, 120_000);

  it("finds the records of a list query on the server, with the caller's rights", async () => {
    const query = { filter: { field: "client", op: "eq", value: clientId }, sort: "-id" };
    const started = ok(await call("POST", "/api/print/invoice/jobs", { body: { query, format: "zip" } }), 202);
    expect(started).toMatchObject({ total: COUNT, fileName: `Invoice – ${COUNT} Invoices.zip` });
    ok(await call("DELETE", `/api/print/jobs/${started.jobId}`));
    const none = await call("POST", "/api/print/invoice/jobs", { body: { query: { q: "no-such-words-anywhere" } } });
    expect([none.status, none.json.error]).toEqual([400, "no records match: change the filter or the search, then print again"]);
    const bad = await call("POST", "/api/print/invoice/jobs", { body: { query: { filter: { field: "nope", op: "eq", value: 1 } } } });
    expect(bad.status).toBe(400);
    expect((await call("POST", "/api/print/invoice/jobs", { body: { ids: [1], query: {} } })).status).toBe(400);
  });

  it("refuses more records than the cap, a bad format and an unknown template, saying what to do", async () => {
    const tooMany = Array.from({ length: MAX_JOB_RECORDS + 1 }, (_, i) => i + 1);
    const capped = await call("POST", "/api/print/invoice/jobs", { body: { ids: tooMany } });
    expect(capped.status).toBe(400);
    expect(capped.json.error).toBe(
      `a print job takes at most 2,000 records and 2,001 were chosen: narrow the list with a filter and print it in parts`,
    );
    expect((await call("POST", "/api/print/invoice/jobs", { body: { ids: [invoices[0].id], format: "docx" } })).status).toBe(400);
    expect((await call("POST", "/api/print/no-such-template/jobs", { body: { ids: [invoices[0].id] } })).status).toBe(404);
  });

  it("keeps the one-request batch endpoint working", async () => {
    const response = await fetch(`${server!.url}/api/print/invoice/batch`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ ids: invoices.slice(0, 3).map((i) => i.id) }),
    });
    expect(response.status).toBe(200);
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  }, 60_000);
});
