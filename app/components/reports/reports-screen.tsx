import { currencyChoices } from "@runtime/reports/figures";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportSpec } from "@runtime/reports/spec";
import type { ChartType } from "@runtime/reports/reports.server";
import { CsrfField } from "../csrf-field";
import { ReportBuilder } from "./report-builder";
import { ReportChart } from "./report-chart";
import { ReportTable } from "./report-table";
import { useRoleName } from "../../i18n/use-role-name";
import { NameTranslations } from "../name-translations";
import type { loadReportsPage } from "../../services/reports.server";

/** `/reports` and `/reports/:id`: saved reports beside the builder, the chart and the table of the open one. */

type PageData = Awaited<ReturnType<typeof loadReportsPage>>;

const CHARTS: ChartType[] = ["table", "bar", "stacked", "line", "pie", "funnel", "number"];

export function ReportsScreen() {
  const { t } = useTranslation();
  const data = useLoaderData() as unknown as PageData;
  const action = useActionData() as { error?: string } | undefined;
  const navigate = useNavigate();
  const navigation = useNavigation();
  const { saved, current, spec, chart, result, error, tables } = data;
  const [measure, setMeasure] = useState(0);
  const base = current ? `/reports/${current.id}` : "/reports";
  const go = (next: ReportSpec, nextChart: ChartType = chart) =>
    navigate(`${base}?${new URLSearchParams({ spec: JSON.stringify(next), chart: nextChart }).toString()}`, {
      replace: true,
      preventScrollReset: true,
    });
  const measures = result?.columns.flatMap((c, i) => (c.role === "measure" ? [i] : [])) ?? [];
  const shown = measures[Math.min(measure, measures.length - 1)] ?? -1;
  const query = spec ? new URLSearchParams({ spec: JSON.stringify(spec) }).toString() : "";
  const busy = navigation.state !== "idle";

  return (
    <section className="reports-page">
      <nav className="reports-page__saved" aria-labelledby="saved-reports">
        <h2 id="saved-reports">{t("reports.saved")}</h2>
        {saved.length ? (
          <ul>
            {saved.map((r) => (
              <li key={r.id}>
                <Link
                  to={`/reports/${r.id}`}
                  className={r.id === current?.id ? "is-current" : undefined}
                  aria-current={r.id === current?.id ? "page" : undefined}
                >
                  {r.shownName}
                </Link>
                {r.ownerId === null || r.roles.length ? <span className="muted"> · {t("views.shared")}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("reports.noneYet")}</p>
        )}
        <Link className="button button--ghost button--small" to="/reports">
          {t("reports.new")}
        </Link>
      </nav>

      <div className="reports-page__main">
        <header className="reports-page__header">
          <h1>{current ? current.shownName : t("reports.newTitle")}</h1>
          {result && spec ? (
            <div className="reports-page__exports">
              <a className="button button--ghost button--small" href={`/api/reports/export.csv?${query}`} download>
                CSV
              </a>
              <a className="button button--ghost button--small" href={`/api/reports/export.xlsx?${query}`} download>
                Excel
              </a>
            </div>
          ) : null}
        </header>

        {spec && tables.length ? (
          <ReportBuilder
            tables={tables}
            spec={spec}
            columns={result?.columns ?? []}
            filterFields={data.filterFields}
            today={data.today}
            currencies={result && result.columns.some((c) => c.money) ? currencyChoices(result) : []}
            onChange={(next) => go(next)}
          />
        ) : (
          <p className="muted">{t("reports.noTables")}</p>
        )}

        <div className="report-chart-types" role="radiogroup" aria-label={t("reports.showAs")}>
          {CHARTS.map((type) => (
            <button
              key={type}
              type="button"
              role="radio"
              aria-checked={chart === type}
              className={chart === type ? "chip chip--on" : "chip"}
              onClick={() => spec && go(spec, type)}
            >
              {t(`reports.chart.${type}`)}
            </button>
          ))}
          {measures.length > 1 && chart !== "table" ? (
            <label className="report-chart-types__measure">
              {t("reports.chartOf")}{" "}
              <select className="input" value={measure} onChange={(e) => setMeasure(Number(e.target.value))}>
                {measures.map((m, i) => (
                  <option key={m} value={i}>
                    {result!.columns[m].label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>

        <div className={busy ? "report-result is-busy" : "report-result"} aria-busy={busy}>
          {error ? (
            <p className="notice notice--error" role="alert">
              {error}
            </p>
          ) : null}
          {result ? (
            <>
              {shown >= 0 ? <ReportChart result={result} chart={chart} measure={shown} /> : null}
              <ReportTable result={result} />
            </>
          ) : null}
        </div>

        {spec && result ? <SaveForm data={data} error={action?.error} /> : null}
      </div>
    </section>
  );
}

function SaveForm({ data, error }: { data: PageData; error?: string }) {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const { current, spec, chart, roles } = data;
  return (
    <Form method="post" className="report-save" aria-label={t("reports.saveTitle")}>
      <CsrfField />
      <input type="hidden" name="spec" value={JSON.stringify(spec)} />
      <input type="hidden" name="chart" value={chart} />
      <label>
        <span>{t("reports.name")}</span>
        <input className="input" name="name" required maxLength={120} defaultValue={current?.name ?? ""} key={current?.id ?? "new"} />
      </label>
      <NameTranslations languages={data.languages} translations={current?.translations} itemKey={current?.id ?? "new"} />
      {roles.length ? (
        <fieldset className="report-save__roles">
          <legend>{t("reports.shareWith")}</legend>
          {roles.map((r) => (
            <label key={r.key}>
              <input type="checkbox" name="roles" value={r.key} defaultChecked={current?.roles.includes(r.key)} /> {roleName(r.key, r.name)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="report-save__buttons">
        {current?.editable ? (
          <button className="button button--primary" name="intent" value="save">
            {t("reports.save")}
          </button>
        ) : null}
        <button className={current?.editable ? "button button--ghost" : "button button--primary"} name="intent" value="create">
          {current ? t("reports.saveAsNew") : t("reports.saveReport")}
        </button>
        {current?.editable ? (
          <button className="button button--danger button--ghost" name="intent" value="delete" formNoValidate>
            {t("reports.delete")}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
    </Form>
  );
}
