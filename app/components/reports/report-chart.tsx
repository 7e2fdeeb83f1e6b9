import { useNavigate } from "@remix-run/react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Funnel,
  FunnelChart,
  LabelList,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ChartType } from "@runtime/reports/reports.server";
import { ENGLISH_REPORTS, type ReportFormat } from "@runtime/reports/report-words";
import type { ReportResult } from "@runtime/reports/run.server";
import { currenciesIn, currencyOf, figureText, groupText, indexesOf, rowLabel } from "@runtime/reports/figures";
import { useReportFormat } from "./use-report-format";

/*
 * One report drawn as the chart its owner picked. Charts are drawn at a fixed size and scaled by
 * CSS; the box keeps their proportions before they are drawn, so nothing below moves (ADR 023).
 * A bar, slice or point opens the list of the records it counts.
 */
export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 320;
const PALETTE = ["#2d5bd7", "#1f8a4c", "#c77700", "#8e44ad", "#c0392b", "#16808a", "#7f8c8d", "#b3367a", "#4a6b00", "#5d4037"];

interface Series {
  key: string;
  label: string;
  stack: string;
}

/**
 * Rows as chart points: one point per value of the first group; the second group (or the
 * currency, when money is split by one) makes the series. Points keep the row index each value
 * came from, for the drill-down.
 */
export function chartData(result: ReportResult, measure: number, format: ReportFormat = ENGLISH_REPORTS) {
  const groups = indexesOf(result, "group");
  const currencyAt = indexesOf(result, "currency");
  const seriesBy = groups.length > 1 ? groups[1] : currencyAt.length ? currencyAt[0] : null;
  const x = groups.length ? [groups[0]] : [];
  const points = new Map<string, Record<string, unknown>>();
  const series = new Map<string, Series>();
  result.rows.forEach((row, i) => {
    const label = rowLabel(result, row, x, format);
    const point = points.get(label) ?? { label, rows: {} as Record<string, number> };
    points.set(label, point);
    const seriesLabel = seriesBy === null ? result.columns[measure].label : groupText(result.columns[seriesBy], row[seriesBy], format);
    const currency = currencyOf(result, result.columns[measure], row);
    const id = `${seriesLabel}|${currency}`;
    let one = series.get(id);
    if (!one)
      series.set(
        id,
        (one = {
          key: `s${series.size}`,
          label: groups.length > 1 && currency ? `${seriesLabel} (${currency})` : seriesLabel,
          // Amounts in different currencies are never stacked on each other.
          stack: currency ?? "one",
        }),
      );
    const seriesKey = one.key;
    point[seriesKey] = row[measure];
    (point.rows as Record<string, number>)[seriesKey] = i;
  });
  // Series follow the second group's own order (aging by how overdue), not the order rows met them.
  const order = seriesBy === null ? [] : (result.columns[seriesBy].order ?? []).map((v) => groupText(result.columns[seriesBy], v, format));
  const rank = (s: Series) => order.indexOf(s.label.replace(/ \([A-Z]{3}\)$/, ""));
  return { points: [...points.values()], series: [...series.values()].sort((a, b) => rank(a) - rank(b)) };
}

export function ReportChart({ result, chart, measure }: { result: ReportResult; chart: ChartType; measure: number }) {
  const navigate = useNavigate();
  const format = useReportFormat();
  const { locale, t } = format;
  if (chart === "table" || result.rows.length === 0) return null;
  const column = result.columns[measure];
  const open = (row: number | undefined) => {
    const link = row === undefined ? null : result.links[row];
    if (link) navigate(link);
  };
  const mixed = column.money && currenciesIn(result).length > 1;

  if (chart === "number") {
    return (
      <div className="report-number" data-testid="report-number">
        {numberFigures(result, measure, format).map((f) => (
          <div key={f.label}>
            <span className="report-number__value">{f.text}</span>
            <span className="report-number__label">{f.label}</span>
          </div>
        ))}
      </div>
    );
  }
  if ((chart === "pie" || chart === "funnel") && mixed)
    return <p className="report-chart__note">{t(chart === "pie" ? "reports.pieMixes" : "reports.funnelMixes")}</p>;

  const { points, series } = chartData(result, measure, format);
  const tooltip = (value: unknown, _name: unknown, item: { dataKey?: unknown; payload?: Record<string, unknown> }) => {
    const row = (item.payload?.rows as Record<string, number> | undefined)?.[String(item.dataKey)];
    return row === undefined ? String(value) : figureText(result, column, result.rows[row], value, locale);
  };
  const box = (content: JSX.Element) => (
    <div className="report-chart" aria-hidden="true" style={{ aspectRatio: `${CHART_WIDTH} / ${CHART_HEIGHT}` }} data-testid="report-chart">
      {content}
    </div>
  );

  if (chart === "pie" || chart === "funnel") {
    const slices = result.rows.map((row, i) => ({
      name: rowLabel(result, row, undefined, format),
      value: Number(row[measure] ?? 0),
      row: i,
    }));
    if (chart === "pie")
      return box(
        <PieChart width={CHART_WIDTH} height={CHART_HEIGHT} accessibilityLayer={false}>
          <Pie
            data={slices}
            dataKey="value"
            nameKey="name"
            outerRadius={120}
            isAnimationActive={false}
            label={(p: { name?: string }) => p.name ?? ""}
            onClick={(_d: unknown, index: number) => open(slices[index]?.row)}
          >
            {slices.map((s, i) => (
              <Cell key={s.row} fill={PALETTE[i % PALETTE.length]} className="report-chart__mark" />
            ))}
          </Pie>
          <Tooltip
            formatter={(v: unknown, _n: unknown, item: { payload?: { row?: number } }) =>
              figureText(result, column, result.rows[item.payload?.row ?? 0], v, locale)
            }
          />
        </PieChart>,
      );
    return box(
      <FunnelChart width={CHART_WIDTH} height={CHART_HEIGHT} accessibilityLayer={false}>
        <Funnel
          data={slices}
          dataKey="value"
          nameKey="name"
          isAnimationActive={false}
          onClick={(_d: unknown, index: number) => open(slices[index]?.row)}
        >
          {slices.map((s, i) => (
            <Cell key={s.row} fill={PALETTE[i % PALETTE.length]} className="report-chart__mark" />
          ))}
          <LabelList position="center" dataKey="name" fill="#fff" stroke="none" />
        </Funnel>
        <Tooltip />
      </FunnelChart>,
    );
  }

  const stacked = chart === "stacked";
  // The drawing is hidden from assistive technology (the table beside it reads out every figure),
  // so it must not take keyboard focus either: recharts' accessibility layer would make it a tab stop.
  const common = {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: points,
    margin: { top: 8, right: 16, bottom: 8, left: 8 },
    accessibilityLayer: false,
  };
  const axes = (
    <>
      <CartesianGrid vertical={false} strokeDasharray="3 3" />
      <XAxis dataKey="label" />
      <YAxis />
      <Tooltip formatter={tooltip as never} />
      {/* In the order of the series (aging by how overdue), not by name. */}
      {series.length > 1 ? <Legend itemSorter={null} /> : null}
    </>
  );
  if (chart === "line")
    return box(
      <LineChart {...common}>
        {axes}
        {series.map((s, i) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stroke={PALETTE[i % PALETTE.length]}
            isAnimationActive={false}
            activeDot={{ onClick: (_e: unknown, p: unknown) => open(rowOf(p, s.key)), className: "report-chart__mark" } as never}
          />
        ))}
      </LineChart>,
    );
  return box(
    <BarChart {...common}>
      {axes}
      {series.map((s, i) => (
        <Bar
          key={s.key}
          dataKey={s.key}
          name={s.label}
          fill={PALETTE[i % PALETTE.length]}
          className="report-chart__mark"
          isAnimationActive={false}
          {...(stacked ? { stackId: s.stack } : {})}
          onClick={(_d: unknown, index: number) => open(rowOf(points[index], s.key))}
        />
      ))}
    </BarChart>,
  );
}

function rowOf(point: unknown, key: string): number | undefined {
  const p = point as { payload?: { rows?: Record<string, number> }; rows?: Record<string, number> };
  return (p.rows ?? p.payload?.rows)?.[key];
}

/** The single-number view: the figure over all rows where it adds up, per currency for money. */
export function numberFigures(
  result: ReportResult,
  measure: number,
  { locale, t }: ReportFormat = ENGLISH_REPORTS,
): { label: string; text: string }[] {
  const column = result.columns[measure];
  if (result.rows.length === 1)
    return [{ label: column.label, text: figureText(result, column, result.rows[0], result.rows[0][measure], locale) }];
  const adds = /^(count|sum)(:|$)/.test(column.key);
  if (!adds) return [{ label: t("reports.perGroup", { label: column.label }), text: "—" }];
  const totals = new Map<string | null, { row: unknown[]; total: number }>();
  for (const row of result.rows) {
    const currency = currencyOf(result, column, row);
    const at = totals.get(currency) ?? { row, total: 0 };
    at.total += Number(row[measure] ?? 0);
    totals.set(currency, at);
  }
  return [...totals.entries()].map(([currency, at]) => ({
    label: currency ? `${column.label} (${currency})` : column.label,
    text: figureText(result, column, at.row, at.total, locale),
  }));
}
