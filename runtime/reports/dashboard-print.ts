import type { RenderedDocument } from "../print/render-html";
import type { Dashboard, WidgetView } from "./dashboards.server";
import { figureText, groupText, indexesOf } from "./figures";
import { ENGLISH_REPORTS, type ReportFormat } from "./report-words";

/**
 * A dashboard as a printable document: each widget's figures as a table, the first measure drawn
 * as a bar beside each row. The print pipeline runs no script, so no chart library draws here;
 * bars of plain HTML print crisply, and every value is escaped text.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const STYLE = `
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; color: #1b1f24; }
h1 { font-size: 16pt; margin: 0 0 2pt; }
.when { color: #5b6470; margin: 0 0 12pt; }
section { break-inside: avoid; margin: 0 0 14pt; }
h2 { font-size: 12pt; margin: 0 0 4pt; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 2pt 4pt; border-bottom: 0.5pt solid #d0d5db; }
th { color: #5b6470; font-weight: normal; font-size: 9pt; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.bar { width: 35%; }
.bar span { display: block; height: 8pt; background: #2d5bd7; }
.problem { color: #8a4b00; }
`;

function widgetHtml(view: WidgetView, format: ReportFormat): string {
  const { t } = format;
  const title = esc(view.report?.name ?? t("reports.untitled"));
  if (!view.result) return `<section><h2>${title}</h2><p class="problem">${esc(view.problem ?? t("dashboards.noFigures"))}</p></section>`;
  const { result } = view;
  const measures = indexesOf(result, "measure");
  const first = measures[0];
  const max = Math.max(0, ...result.rows.map((r) => (typeof r[first] === "number" ? Math.abs(r[first] as number) : 0)));
  const head = result.columns
    .map((c) => `<th${c.role === "measure" ? ' class="num"' : ""}>${esc(c.label)}</th>`)
    .concat(first === undefined ? [] : ['<th class="bar"></th>'])
    .join("");
  const body = result.rows
    .map((row) => {
      const cells = result.columns.map((c, i) =>
        c.role === "measure"
          ? `<td class="num">${esc(figureText(result, c, row, row[i], format.locale))}</td>`
          : `<td>${esc(c.role === "group" ? groupText(c, row[i], format) : String(row[i] ?? t("reports.cell.none")))}</td>`,
      );
      const share = max > 0 && typeof row[first] === "number" ? Math.round((Math.abs(row[first] as number) / max) * 1000) / 10 : 0;
      return `<tr>${cells.join("")}<td class="bar"><span style="width:${share}%"></span></td></tr>`;
    })
    .join("");
  const empty = result.rows.length === 0 ? `<p class="problem">${esc(t("reports.noRecords"))}</p>` : "";
  return `<section><h2>${title}</h2>${empty || `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`}</section>`;
}

/** `format`: the reader's words and locale (English by default); `language` goes into `<html lang>`. */
export function dashboardDocument(
  dashboard: Dashboard,
  views: WidgetView[],
  printedAt: string,
  format: ReportFormat = ENGLISH_REPORTS,
  language = "en",
): RenderedDocument {
  const html = `<!doctype html><html lang="${esc(language)}"><head><meta charset="utf-8"><title>${esc(dashboard.name)}</title><style>${STYLE}</style></head><body><h1>${esc(dashboard.name)}</h1><p class="when">${esc(format.t("dashboards.asOf", { at: printedAt }))}</p>${views.map((v) => widgetHtml(v, format)).join("")}</body></html>`;
  return {
    html,
    page: { size: "A4", orientation: "portrait", margins: { top: 14, right: 14, bottom: 16, left: 14 } },
    footerTemplate:
      '<div style="font-size:8pt;width:100%;text-align:center;color:#5b6470"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
  };
}
