import type { PrintTemplateInput } from "@runtime/print/template";
import { DEFAULT_PAGE } from "@runtime/print/template";

/** Shared by every designed template: what the canvas and Chromium must agree on. */
export const DESIGNER_BASE_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif; font-size: 10pt; line-height: 1.4; color: #1f2933; }
table.tpl-lines { width: 100%; border-collapse: collapse; margin: 4mm 0; }
table.tpl-lines thead { display: table-header-group; }
table.tpl-lines tr { break-inside: avoid; page-break-inside: avoid; }
table.tpl-lines th { text-align: left; font-size: 8pt; text-transform: uppercase; letter-spacing: 0.4pt; border-bottom: 1pt solid #1f2933; padding: 1.5mm; }
table.tpl-lines td { padding: 1.2mm 1.5mm; border-bottom: 0.5pt solid #d5dbe1; vertical-align: top; }
table.tpl-lines .num { text-align: right; white-space: nowrap; }
table.tpl-lines .pos { width: 8mm; color: #6b7785; }
.tpl-page-break { break-after: page; page-break-after: always; height: 0; }
.tpl-columns { display: flex; gap: 6mm; }
.tpl-columns > .tpl-column { flex: 1; min-height: 8mm; }
.tpl-totals { margin: 3mm 0 0 auto; width: 50%; }
.tpl-total { display: flex; justify-content: space-between; gap: 4mm; padding: 1mm 0; }
.tpl-total > :last-child { text-align: right; white-space: nowrap; }
.tpl-total--grand { border-top: 1pt solid #1f2933; font-weight: 700; }
.tpl-words { font-style: italic; margin-top: 2mm; }
.tpl-image { max-height: 18mm; max-width: 50mm; }
.tpl-requisites { font-size: 8.5pt; }
`.trim();

const BASE_START = "/* tessera:designer-base */";
const BASE_END = "/* end tessera:designer-base */";

/** Template CSS without the designer's base block (the editor adds it back on export). */
export function withoutBaseCss(css: string): string {
  const start = css.indexOf(BASE_START);
  const end = css.indexOf(BASE_END);
  if (start === -1 || end === -1 || end < start) return css;
  return (css.slice(0, start) + css.slice(end + BASE_END.length)).trim();
}

/** The CSS a designed template is saved with: the base block first, then the admin's own styles. */
export function withBaseCss(css: string): string {
  return `${BASE_START}\n${DESIGNER_BASE_CSS}\n${BASE_END}\n${withoutBaseCss(css)}`;
}

/** A new template's first content: a heading and the record's title, ready to build on. */
export function starterTemplate(table: { key: string; label: string; titleField: string | null }, name: string): PrintTemplateInput {
  const title = table.titleField ? `<p>{{ record.${table.titleField} }}</p>` : "";
  return {
    table: table.key,
    name,
    html: `<h1>${table.label.replace(/[<>&"]/g, "")}</h1>${title}`,
    css: withBaseCss(""),
    page: { ...DEFAULT_PAGE, footer: '<div style="text-align:right">Page {{ pageNumber }} of {{ totalPages }}</div>' },
  };
}
