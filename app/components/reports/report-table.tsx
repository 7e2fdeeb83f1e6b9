import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ReportFormat } from "@runtime/reports/report-words";
import type { ReportResult } from "@runtime/reports/run.server";
import { conversionNote, figureText, groupText, indexesOf } from "@runtime/reports/figures";
import { useReportFormat } from "./use-report-format";

/**
 * The figures behind the chart, each linking to the list of the records it counts. Two groupings
 * and one measure read as a cross table (clients down, aging buckets across), as accountants
 * read a receivables report; anything else as one row per group.
 */
export function ReportTable({ result }: { result: ReportResult }) {
  const { t } = useTranslation();
  const format = useReportFormat();
  if (result.rows.length === 0) return <p className="muted report-table__empty">{t("reports.noRecords")}</p>;
  const groups = indexesOf(result, "group");
  const measures = indexesOf(result, "measure");
  const note = conversionNote(result, format);
  return (
    <>
      {note ? <p className="muted report-table__conversion">{note}</p> : null}
      {/* A wide cross table (many columns, long words) scrolls within its panel instead of widening the page. */}
      <div className="report-table__scroll">
        {groups.length === 2 && measures.length === 1 ? (
          <CrossTable result={result} format={format} />
        ) : (
          <RowTable result={result} format={format} />
        )}
      </div>
      {result.truncated ? <p className="muted">{t("reports.truncated")}</p> : null}
    </>
  );
}

function RowTable({ result, format }: { result: ReportResult; format: ReportFormat }) {
  return (
    <table className="report-table" data-testid="report-table">
      <thead>
        <tr>
          {result.columns.map((c) => (
            <th key={c.key} scope="col" className={c.role === "measure" ? "num" : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {result.rows.map((row, i) => (
          <tr key={i}>
            {result.columns.map((c, j) => {
              if (c.role === "measure")
                return (
                  <td key={c.key} className="num">
                    {figureText(result, c, row, row[j], format.locale)}
                  </td>
                );
              const text = c.role === "group" ? groupText(c, row[j], format) : String(row[j] ?? format.t("reports.cell.none"));
              return j === 0 && result.links[i] ? (
                <th key={c.key} scope="row">
                  <Link to={result.links[i]!}>{text}</Link>
                </th>
              ) : (
                <td key={c.key}>{text}</td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CrossTable({ result, format }: { result: ReportResult; format: ReportFormat }) {
  const [down, across] = indexesOf(result, "group");
  const measure = indexesOf(result, "measure")[0];
  const currencyAt = indexesOf(result, "currency");
  const column = result.columns[measure];
  const adds = /^(count|sum)(:|$)/.test(column.key);
  const acrossValues = result.columns[across].order ?? [...new Set(result.rows.map((r) => r[across]))];
  // One line per value down the side (and currency: amounts in two currencies never share a cell).
  const lines = new Map<string, { label: unknown; currency: unknown; cells: Map<string, number> }>();
  result.rows.forEach((row, i) => {
    const key = JSON.stringify([row[down], ...currencyAt.map((c) => row[c])]);
    const line = lines.get(key) ?? { label: row[down], currency: currencyAt.length ? row[currencyAt[0]] : null, cells: new Map() };
    lines.set(key, line);
    line.cells.set(JSON.stringify(row[across]), i);
  });
  const sample = (line: { cells: Map<string, number> }) => result.rows[[...line.cells.values()][0]];
  return (
    <table className="report-table report-table--cross" data-testid="report-table">
      <thead>
        <tr>
          <th scope="col">{result.columns[down].label}</th>
          {currencyAt.length ? <th scope="col">{result.columns[currencyAt[0]].label}</th> : null}
          {acrossValues.map((v) => (
            <th key={JSON.stringify(v)} scope="col" className="num">
              {groupText(result.columns[across], v, format)}
            </th>
          ))}
          {adds ? (
            <th scope="col" className="num">
              {format.t("reports.total")}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {[...lines.entries()].map(([key, line]) => {
          const total = [...line.cells.values()].reduce((n, i) => n + Number(result.rows[i][measure] ?? 0), 0);
          return (
            <tr key={key}>
              <th scope="row">{groupText(result.columns[down], line.label, format)}</th>
              {currencyAt.length ? <td>{String(line.currency ?? format.t("reports.cell.none"))}</td> : null}
              {acrossValues.map((v) => {
                const i = line.cells.get(JSON.stringify(v));
                const row = i === undefined ? null : result.rows[i];
                const link = i === undefined ? null : result.links[i];
                const text = row ? figureText(result, column, row, row[measure], format.locale) : "";
                return (
                  <td key={JSON.stringify(v)} className="num">
                    {link ? <Link to={link}>{text}</Link> : text}
                  </td>
                );
              })}
              {adds ? <td className="num report-table__total">{figureText(result, column, sample(line), total, format.locale)}</td> : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
