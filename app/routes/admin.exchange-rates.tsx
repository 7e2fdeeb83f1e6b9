import { AdminTable } from "~/components/admin-table";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "../components/csrf-field";
import {
  deleteRateAs,
  exchangeRatesAs,
  importRatesAs,
  putRateAs,
  rateIdOf,
  saveExchangeSettingsAs,
  updateRateAs,
} from "../services/exchange-rates.server";
import { adminActorFor, formResult } from "../services/people.server";
import { unprocessable } from "@runtime/errors";
import type { RateImportResult } from "@runtime/exchange/rates.server";

interface Outcome {
  message: string | null;
  importErrors: RateImportResult["errors"];
}

export const meta: MetaFunction = () => [{ title: "Exchange rates · Tessera" }];

/** What an import's file may weigh: a year of daily rates for every currency is well under it. */
const MAX_CSV_BYTES = 2_000_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const view = await exchangeRatesAs(await adminActorFor(request));
  const edit = Number(new URL(request.url).searchParams.get("edit"));
  return json({ ...view, editing: view.rates.some((r) => r.id === edit) ? edit : null });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
  const form = await request.formData();
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const rate = () => ({ day: text("day"), currency: text("currency"), rate: text("rate") });
  return formResult(async (): Promise<Outcome> => {
    switch (text("intent")) {
      case "settings":
        await saveExchangeSettingsAs(actor, { base: text("base")?.trim().toUpperCase(), overpayment: text("overpayment") });
        return { message: "Settings saved.", importErrors: [] };
      case "add": {
        const saved = await putRateAs(actor, rate());
        return { message: `Saved: 1 ${saved.currency} = ${saved.rate} from ${saved.day}.`, importErrors: [] };
      }
      case "update":
        await updateRateAs(actor, rateIdOf(text("id")), rate());
        return { message: "Rate saved.", importErrors: [] };
      case "delete":
        await deleteRateAs(actor, rateIdOf(text("id")));
        return { message: "Rate deleted.", importErrors: [] };
      case "import": {
        const file = form.get("file");
        const fromFile = typeof file === "object" && file !== null && file.size > 0;
        if (fromFile && file.size > MAX_CSV_BYTES) throw unprocessable(`the file is larger than ${MAX_CSV_BYTES / 1_000_000} MB`);
        const csv = fromFile ? await file.text() : (text("csv") ?? "");
        const result = await importRatesAs(actor, csv);
        return result.errors.length
          ? { message: null, importErrors: result.errors }
          : { message: `Imported ${result.imported} ${result.imported === 1 ? "rate" : "rates"}.`, importErrors: [] };
      }
      default:
        return { message: null, importErrors: [] };
    }
  });
}

export default function AdminExchangeRates() {
  const { base, overpayment, rates, editing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="admin-page exchange-rates" aria-labelledby="exchange-rates-title">
      <h1 id="exchange-rates-title">Exchange rates</h1>
      <p className="muted">
        A payment received in another currency than its invoice&apos;s is converted at the latest rate on or before the payment&apos;s date.
        Each rate says what one unit of a currency is worth in the base currency.
      </p>
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.ok && result.message ? (
        <p className="notice notice--success" role="status">
          {result.message}
        </p>
      ) : null}
      {result?.ok && result.importErrors.length ? (
        <div className="form-error" role="alert" data-testid="import-errors">
          <p>Nothing was imported. Fix these rows and import the file again:</p>
          <ul>
            {result.importErrors.map((e) => (
              <li key={e.row}>
                Row {e.row}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <h2>Settings</h2>
      <p className="muted">
        Rates are what one unit is worth in the base currency. A payment over its invoice&apos;s balance is refused, or recorded and shown
        on the invoice as credit owed to the client.
      </p>
      <Form method="post" className="inline-form inline-form--wrap" data-testid="exchange-settings">
        <CsrfField />
        <label>
          Base currency
          <input name="base" defaultValue={base ?? ""} required maxLength={3} pattern="[A-Za-z]{3}" placeholder="EUR" size={6} />
        </label>
        <label>
          A payment over the balance
          <select name="overpayment" defaultValue={overpayment}>
            <option value="refuse">is refused</option>
            <option value="credit">is recorded as credit for the client</option>
          </select>
        </label>
        <button className="button" name="intent" value="settings" type="submit">
          Save settings
        </button>
      </Form>
      {base ? null : <p className="notice notice--warning">Set the base currency first: rates are expressed in it.</p>}

      <h2>Rates</h2>
      <p className="muted">Newest first. A rate applies from its day until the next rate of that currency.</p>
      <Form method="post" className="inline-form inline-form--wrap" data-testid="add-rate">
        <CsrfField />
        <label>
          From
          <input type="date" name="day" required />
        </label>
        <label>
          Currency
          <input name="currency" required maxLength={3} pattern="[A-Za-z]{3}" placeholder="USD" size={6} />
        </label>
        <label>
          Worth in {base ?? "the base currency"}
          <input name="rate" required inputMode="decimal" placeholder="0.9234" size={12} />
        </label>
        <button className="button button--primary" name="intent" value="add" type="submit">
          Add rate
        </button>
      </Form>
      <AdminTable testId="rates-table" columns={["From", "Currency", "Rate"]} isEmpty={rates.length === 0} empty="No rates yet.">
        {rates.map((r) =>
          r.id === editing ? (
            <tr key={r.id}>
              <td colSpan={4}>
                <Form method="post" className="inline-form inline-form--wrap">
                  <CsrfField />
                  <input type="hidden" name="id" value={r.id} />
                  <label>
                    From
                    <input type="date" name="day" defaultValue={r.day} required />
                  </label>
                  <label>
                    Currency
                    <input name="currency" defaultValue={r.currency} required maxLength={3} size={6} />
                  </label>
                  <label>
                    Worth in {base}
                    <input name="rate" defaultValue={r.rate} required inputMode="decimal" size={12} />
                  </label>
                  <button className="button button--primary button--small" name="intent" value="update" type="submit">
                    Save
                  </button>
                  <Link className="button button--small button--ghost" to=".">
                    Cancel
                  </Link>
                </Form>
              </td>
            </tr>
          ) : (
            <tr key={r.id}>
              <td>{r.day}</td>
              <td>{r.currency}</td>
              <td>
                1 {r.currency} = {r.rate} {base}
              </td>
              <td className="admin-table__actions">
                <Link className="button button--small" to={`?edit=${r.id}`} aria-label={`Edit the ${r.currency} rate of ${r.day}`}>
                  Edit
                </Link>
                <Form method="post" className="row-form">
                  <CsrfField />
                  <input type="hidden" name="id" value={r.id} />
                  <button
                    className="button button--small button--danger"
                    name="intent"
                    value="delete"
                    type="submit"
                    aria-label={`Delete the ${r.currency} rate of ${r.day}`}
                  >
                    Delete
                  </button>
                </Form>
              </td>
            </tr>
          ),
        )}
      </AdminTable>

      <h2>Import rates</h2>
      <p className="muted">
        A CSV file with one rate a row: <code>day,currency,rate</code>, e.g. <code>2026-12-01,USD,0.9234</code>. A header row is optional; a
        rate already there for that day and currency is replaced. Nothing is imported while a row is wrong.
      </p>
      <Form method="post" encType="multipart/form-data" className="inline-form inline-form--wrap" data-testid="import-rates">
        <CsrfField />
        <label>
          CSV file
          <input type="file" name="file" accept="text/csv,.csv" />
        </label>
        <label>
          or paste the rows
          <textarea name="csv" rows={3} cols={36} placeholder={"2026-12-01,USD,0.9234\n2026-12-01,GBP,1.1712"} />
        </label>
        <button className="button" name="intent" value="import" type="submit">
          Import
        </button>
      </Form>
    </section>
  );
}
