import { currencyChoices } from "@runtime/reports/figures";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useState } from "react";
import type { ReportSpec } from "@runtime/reports/spec";
import type { ChartType } from "@runtime/reports/reports.server";
import { CsrfField } from "../csrf-field";
import { ReportBuilder } from "./report-builder";
import { ReportChart } from "./report-chart";
import { ReportTable } from "./report-table";
import type { loadReportsPage } from "../../services/reports.server";

/** `/reports` and `/reports/:id`: saved reports beside the builder, the chart and the table of the open one. */

type PageData = Awaited<ReturnType<typeof loadReportsPage>>;

const CHARTS: { type: ChartType; label: string }[] = [
  { type: "table", label: "Table" },
  { type: "bar", label: "Bars" },
  { type: "stacked", label: "Stacked bars" },
  { type: "line", label: "Line" },
  { type: "pie", label: "Pie" },
  { type: "funnel", label: "Funnel" },
  { type: "number", label: "Number" },
];

export function ReportsScreen() {
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
        <h2 id="saved-reports">Saved reports</h2>
        {saved.length ? (
          <ul>
            {saved.map((r) => (
              <li key={r.id}>
                <Link
                  to={`/reports/${r.id}`}
                  className={r.id === current?.id ? "is-current" : undefined}
                  aria-current={r.id === current?.id ? "page" : undefined}
                >
                  {r.name}
                </Link>
                {r.ownerId === null || r.roles.length ? <span className="muted"> · shared</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None yet: build one and save it.</p>
        )}
        <Link className="button button--ghost button--small" to="/reports">
          + New report
        </Link>
      </nav>

      <div className="reports-page__main">
        <header className="reports-page__header">
          <h1>{current ? current.name : "New report"}</h1>
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
          <p className="muted">Your role may not read any table, so there is nothing to report on.</p>
        )}

        <div className="report-chart-types" role="radiogroup" aria-label="Show as">
          {CHARTS.map((c) => (
            <button
              key={c.type}
              type="button"
              role="radio"
              aria-checked={chart === c.type}
              className={chart === c.type ? "chip chip--on" : "chip"}
              onClick={() => spec && go(spec, c.type)}
            >
              {c.label}
            </button>
          ))}
          {measures.length > 1 && chart !== "table" ? (
            <label className="report-chart-types__measure">
              Chart of{" "}
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
  const { current, spec, chart, roles } = data;
  return (
    <Form method="post" className="report-save" aria-label="Save the report">
      <CsrfField />
      <input type="hidden" name="spec" value={JSON.stringify(spec)} />
      <input type="hidden" name="chart" value={chart} />
      <label>
        <span>Name</span>
        <input className="input" name="name" required maxLength={120} defaultValue={current?.name ?? ""} key={current?.id ?? "new"} />
      </label>
      {roles.length ? (
        <fieldset className="report-save__roles">
          <legend>Share with</legend>
          {roles.map((r) => (
            <label key={r.key}>
              <input type="checkbox" name="roles" value={r.key} defaultChecked={current?.roles.includes(r.key)} /> {r.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="report-save__buttons">
        {current?.editable ? (
          <button className="button button--primary" name="intent" value="save">
            Save
          </button>
        ) : null}
        <button className={current?.editable ? "button button--ghost" : "button button--primary"} name="intent" value="create">
          {current ? "Save as new" : "Save report"}
        </button>
        {current?.editable ? (
          <button className="button button--danger button--ghost" name="intent" value="delete" formNoValidate>
            Delete
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
