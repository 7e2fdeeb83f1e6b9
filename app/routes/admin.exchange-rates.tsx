import { titledMeta, type TitledHandle } from "~/i18n/page-title";
import { Trans, useTranslation } from "react-i18next";
import { saidError } from "~/i18n/said-error";
import { AdminTable } from "~/components/admin-table";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
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
import { translatorFor } from "../services/i18n.server";
import { adminActorFor, formResult } from "../services/people.server";
import { unprocessable } from "@runtime/errors";
import type { RateImportResult } from "@runtime/exchange/rates.server";

interface Outcome {
  message: string | null;
  importErrors: RateImportResult["errors"];
}

export const meta = titledMeta;
export const handle: TitledHandle = { title: (t) => t("titles.exchangeRates") };

/** What an import's file may weigh: a year of daily rates for every currency is well under it. */
const MAX_CSV_BYTES = 2_000_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const view = await exchangeRatesAs(await adminActorFor(request));
  const edit = Number(new URL(request.url).searchParams.get("edit"));
  return json({ ...view, editing: view.rates.some((r) => r.id === edit) ? edit : null });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await adminActorFor(request);
  const { t } = await translatorFor(request);
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
        return { message: t("rates.settingsSaved"), importErrors: [] };
      case "add": {
        const saved = await putRateAs(actor, rate());
        return { message: t("rates.saved", { currency: saved.currency, rate: saved.rate, day: saved.day }), importErrors: [] };
      }
      case "update":
        await updateRateAs(actor, rateIdOf(text("id")), rate());
        return { message: t("rates.rateSaved"), importErrors: [] };
      case "delete":
        await deleteRateAs(actor, rateIdOf(text("id")));
        return { message: t("rates.rateDeleted"), importErrors: [] };
      case "import": {
        const file = form.get("file");
        const fromFile = typeof file === "object" && file !== null && file.size > 0;
        if (fromFile && file.size > MAX_CSV_BYTES) throw unprocessable(t("rates.fileTooLarge", { mb: MAX_CSV_BYTES / 1_000_000 }));
        const csv = fromFile ? await file.text() : (text("csv") ?? "");
        const result = await importRatesAs(actor, csv);
        return result.errors.length
          ? { message: null, importErrors: result.errors }
          : { message: t("rates.imported", { count: result.imported }), importErrors: [] };
      }
      default:
        return { message: null, importErrors: [] };
    }
  });
}

export default function AdminExchangeRates() {
  const { base, overpayment, rates, editing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="admin-page exchange-rates" aria-labelledby="exchange-rates-title">
      <h1 id="exchange-rates-title">{t("rates.title")}</h1>
      <p className="muted">{t("rates.intro")}</p>
      {result?.error ? (
        <p className="form-error" role="alert">
          {saidError(result, t)}
        </p>
      ) : null}
      {result?.ok && result.message ? (
        <p className="notice notice--success" role="status">
          {result.message}
        </p>
      ) : null}
      {result?.ok && result.importErrors.length ? (
        <div className="form-error" role="alert" data-testid="import-errors">
          <p>{t("rates.importFailed")}</p>
          <ul>
            {result.importErrors.map((e) => (
              <li key={e.row}>{t("rates.rowProblem", { row: e.row, message: e.message })}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <h2>{t("rates.settings")}</h2>
      <p className="muted">{t("rates.settingsIntro")}</p>
      <Form method="post" className="inline-form inline-form--wrap" data-testid="exchange-settings">
        <CsrfField />
        <label>
          {t("rates.base")}
          <input name="base" defaultValue={base ?? ""} required maxLength={3} pattern="[A-Za-z]{3}" placeholder="EUR" size={6} />
        </label>
        <label>
          {t("rates.overpayment")}
          <select name="overpayment" defaultValue={overpayment}>
            <option value="refuse">{t("rates.refuse")}</option>
            <option value="credit">{t("rates.credit")}</option>
          </select>
        </label>
        <button className="button" name="intent" value="settings" type="submit">
          {t("rates.saveSettings")}
        </button>
      </Form>
      {base ? null : <p className="notice notice--warning">{t("rates.setBaseFirst")}</p>}

      <h2>{t("rates.rates")}</h2>
      <p className="muted">{t("rates.ratesIntro")}</p>
      <Form method="post" className="inline-form inline-form--wrap" data-testid="add-rate">
        <CsrfField />
        <label>
          {t("rates.from")}
          <input type="date" name="day" required />
        </label>
        <label>
          {t("rates.currency")}
          <input name="currency" required maxLength={3} pattern="[A-Za-z]{3}" placeholder="USD" size={6} />
        </label>
        <label>
          {t("rates.worthIn", { base: base ?? t("rates.theBase") })}
          <input name="rate" required inputMode="decimal" placeholder="0.9234" size={12} />
        </label>
        <button className="button button--primary" name="intent" value="add" type="submit">
          {t("rates.add")}
        </button>
      </Form>
      <AdminTable
        testId="rates-table"
        columns={[t("rates.from"), t("rates.currency"), t("rates.rate")]}
        isEmpty={rates.length === 0}
        empty={t("rates.none")}
      >
        {rates.map((r) =>
          r.id === editing ? (
            <tr key={r.id}>
              <td colSpan={4}>
                <Form method="post" className="inline-form inline-form--wrap">
                  <CsrfField />
                  <input type="hidden" name="id" value={r.id} />
                  <label>
                    {t("rates.from")}
                    <input type="date" name="day" defaultValue={r.day} required />
                  </label>
                  <label>
                    {t("rates.currency")}
                    <input name="currency" defaultValue={r.currency} required maxLength={3} size={6} />
                  </label>
                  <label>
                    {t("rates.worthIn", { base })}
                    <input name="rate" defaultValue={r.rate} required inputMode="decimal" size={12} />
                  </label>
                  <button className="button button--primary button--small" name="intent" value="update" type="submit">
                    {t("common.save")}
                  </button>
                  <Link className="button button--small button--ghost" to=".">
                    {t("common.cancel")}
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
                <Link
                  className="button button--small"
                  to={`?edit=${r.id}`}
                  aria-label={t("rates.editOf", { currency: r.currency, day: r.day })}
                >
                  {t("common.edit")}
                </Link>
                <Form method="post" className="row-form">
                  <CsrfField />
                  <input type="hidden" name="id" value={r.id} />
                  <button
                    className="button button--small button--danger"
                    name="intent"
                    value="delete"
                    type="submit"
                    aria-label={t("rates.deleteOf", { currency: r.currency, day: r.day })}
                  >
                    {t("common.delete")}
                  </button>
                </Form>
              </td>
            </tr>
          ),
        )}
      </AdminTable>

      <h2>{t("rates.importTitle")}</h2>
      <p className="muted">
        <Trans i18nKey="rates.importIntro" components={{ code: <code /> }} />
      </p>
      <Form method="post" encType="multipart/form-data" className="inline-form inline-form--wrap" data-testid="import-rates">
        <CsrfField />
        <label>
          {t("rates.csvFile")}
          <input type="file" name="file" accept="text/csv,.csv" />
        </label>
        <label>
          {t("rates.orPaste")}
          <textarea name="csv" rows={3} cols={36} placeholder={"2026-12-01,USD,0.9234\n2026-12-01,GBP,1.1712"} />
        </label>
        <button className="button" name="intent" value="import" type="submit">
          {t("rates.import")}
        </button>
      </Form>
    </section>
  );
}
