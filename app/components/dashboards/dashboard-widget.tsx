import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { WidgetView } from "@runtime/reports/dashboards.server";
import { ReportChart } from "../reports/report-chart";
import { ReportTable } from "../reports/report-table";

/** One widget: its report's chart (or table), titled with a link to the report. */
export function DashboardWidget({ view, handle }: { view: WidgetView; handle?: React.ReactNode }) {
  const { t } = useTranslation();
  const { report, result } = view;
  const measure = result ? result.columns.findIndex((c) => c.role === "measure") : -1;
  return (
    <article className={`dashboard-widget dashboard-widget--${view.widget.size}`} aria-label={report?.name ?? t("reports.untitled")}>
      <header className="dashboard-widget__header">
        {handle}
        <h2>{report ? <Link to={`/reports/${report.id}`}>{report.name}</Link> : t("reports.untitled")}</h2>
      </header>
      {result && report ? (
        report.chart === "table" || result.rows.length === 0 ? (
          <ReportTable result={result} />
        ) : (
          <ReportChart result={result} chart={report.chart} measure={measure} />
        )
      ) : (
        <p className="muted">{view.problem}</p>
      )}
    </article>
  );
}
