import { PRINT_FONTS } from "@runtime/print/render-html";

/**
 * The look shared by the shipped print templates: a quiet, typographic business style that
 * prints well in black and white, with one accent colour for rules and headings.
 */
export const DOCUMENT_CSS = `
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${PRINT_FONTS}; font-size: 9pt; line-height: 1.4; color: #1f2933; }
h1, h2, h3, p { margin: 0; }
.accent { color: #1d4e89; }
.muted { color: #6b7785; }
.small { font-size: 7.8pt; }
.nowrap { white-space: nowrap; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.pre { white-space: pre-line; }

.doc-head { display: flex; justify-content: space-between; align-items: flex-start; padding-bottom: 4mm; border-bottom: 2.5pt solid #1d4e89; }
.brand { display: flex; align-items: center; gap: 4mm; max-width: 55%; }
.brand img { max-height: 16mm; max-width: 40mm; }
.brand-name { font-size: 15pt; font-weight: 700; color: #1d4e89; letter-spacing: 0.2pt; }
.brand-line { font-size: 8pt; color: #6b7785; margin-top: 1mm; }
.doc-title { text-align: right; }
.doc-title h1 { font-size: 22pt; font-weight: 300; letter-spacing: 3pt; text-transform: uppercase; color: #1d4e89; line-height: 1; }
.doc-title .doc-number { font-size: 11pt; font-weight: 700; margin-top: 2mm; }
.badge { display: inline-block; margin-top: 2mm; padding: 0.6mm 2.5mm; border: 1pt solid #b42318; color: #b42318; font-size: 7.5pt; font-weight: 700; letter-spacing: 1pt; text-transform: uppercase; border-radius: 1mm; }
.badge.ok { border-color: #1a7f37; color: #1a7f37; }

.meta { display: flex; margin: 4mm 0 0; border: 0.6pt solid #d5dbe1; border-radius: 1.2mm; }
.meta > div { flex: 1; padding: 2mm 3mm; border-left: 0.6pt solid #d5dbe1; }
.meta > div:first-child { border-left: 0; }
.label { display: block; font-size: 6.8pt; text-transform: uppercase; letter-spacing: 0.8pt; color: #6b7785; margin-bottom: 0.6mm; }
.meta strong { font-size: 9.5pt; }

.parties { display: flex; gap: 6mm; margin-top: 4mm; }
.party { flex: 1; padding: 2.5mm 4mm; background: #f4f6f9; border-radius: 1.2mm; }
.party h3 { font-size: 6.8pt; text-transform: uppercase; letter-spacing: 0.8pt; color: #1d4e89; margin-bottom: 1.5mm; }
.party .name { font-size: 10.5pt; font-weight: 700; margin-bottom: 0.8mm; }
.party table { border-collapse: collapse; margin-top: 1.5mm; }
.party td { padding: 0.2mm 3mm 0.2mm 0; font-size: 8pt; vertical-align: top; }
.party td:first-child { color: #6b7785; white-space: nowrap; }

table.lines { width: 100%; border-collapse: collapse; margin-top: 5mm; }
table.lines thead { display: table-header-group; }
table.lines tr { break-inside: avoid; page-break-inside: avoid; }
table.lines th { background: #1d4e89; color: #fff; font-size: 7pt; font-weight: 600; text-transform: uppercase; letter-spacing: 0.4pt; padding: 1.8mm 1.5mm; text-align: left; }
table.lines th.num { text-align: right; }
table.lines td { padding: 1.2mm 1.5mm; border-bottom: 0.5pt solid #d5dbe1; vertical-align: top; font-size: 8.3pt; }
table.lines tbody tr:nth-child(even) td { background: #f8f9fb; }
table.lines td.pos { color: #6b7785; width: 6mm; }
table.lines .sku { display: block; font-size: 7pt; color: #6b7785; }

.summary { display: flex; gap: 8mm; margin-top: 4mm; break-inside: avoid; page-break-inside: avoid; }
.summary .left { flex: 1.25; }
.summary .right { flex: 1; }
table.totals { width: 100%; border-collapse: collapse; }
table.totals td { padding: 1.2mm 0; }
table.totals td.num { padding-left: 4mm; }
table.totals tr.sub td { color: #4a5561; font-size: 8.3pt; }
table.totals tr.grand td { border-top: 1.2pt solid #1d4e89; padding-top: 2mm; font-size: 11.5pt; font-weight: 700; color: #1d4e89; }
table.totals tr.after td { font-size: 8.5pt; }
table.totals tr.due td { font-weight: 700; border-top: 0.5pt solid #d5dbe1; }
.words { margin-top: 2mm; padding: 2.5mm 3mm; border-left: 2pt solid #1d4e89; background: #f4f6f9; font-style: italic; }

.box { padding: 2.5mm 4mm; border: 0.6pt solid #d5dbe1; border-radius: 1.2mm; margin-top: 3mm; }
.box h3 { font-size: 6.8pt; text-transform: uppercase; letter-spacing: 0.8pt; color: #1d4e89; margin-bottom: 1.5mm; }
.box table { border-collapse: collapse; }
.box td { padding: 0.3mm 4mm 0.3mm 0; font-size: 8.5pt; }
.box td:first-child { color: #6b7785; }
.notes { margin-top: 3mm; }
.notes p { margin-bottom: 1mm; }

.signatures { display: flex; gap: 14mm; margin-top: 6mm; break-inside: avoid; page-break-inside: avoid; }
.signature { flex: 1; }
.signature .space { height: 11mm; display: flex; align-items: flex-end; }
.signature .space img { max-height: 15mm; max-width: 50mm; }
.signature .line { border-top: 0.7pt solid #1f2933; padding-top: 1.2mm; }
.signature .who { font-weight: 700; }

.section { margin-top: 6mm; break-inside: avoid-page; }
.section h2 { font-size: 10pt; color: #1d4e89; margin-bottom: 1.5mm; padding-bottom: 1mm; border-bottom: 0.6pt solid #d5dbe1; }
.section h2 .no { display: inline-block; width: 7mm; }
.section p { margin-bottom: 1.5mm; text-align: justify; }
.intro { margin-top: 5mm; }
`;

/**
 * Footer on every page: the firm's registration line, and which document and page this is, so a
 * continuation page that comes loose still says whose invoice it belongs to.
 */
/** `documentLabel`: a print message key (`print.invoice`) or plain words. */
export function documentFooter(documentLabel: string): string {
  const label = documentLabel.startsWith("print.") ? `{{ "${documentLabel}" | t }}` : documentLabel;
  return `<div style="display:flex;justify-content:space-between;gap:6mm;border-top:0.5pt solid #d5dbe1;padding-top:1.5mm;">
<span>{{ company.legal_name | default: company.name }}{% if company.registration_number %} · {{ "print.regNo" | t: company.registration_number }}{% endif %}{% if company.tax_id %} · {{ "print.vatNo" | t: company.tax_id }}{% endif %}</span>
<span style="white-space:nowrap">{% if record.number %}${label} {{ record.number }} · {% endif %}{{ "print.pageOf" | t: pageNumber, totalPages }}</span></div>`;
}

/** Requisites of one party (the firm or a client): both have the same field keys in the default schema. `title`: a print message key. */
export function partyBlock(title: string, party: string): string {
  return `<div class="party">
  <h3>{{ "print.${title}" | t }}</h3>
  <div class="name">{{ ${party}.legal_name | default: ${party}.name }}</div>
  {% if ${party}.address_line1 %}<div>{{ ${party}.address_line1 }}</div>{% endif %}
  {% if ${party}.address_line2 %}<div>{{ ${party}.address_line2 }}</div>{% endif %}
  <div>{{ ${party}.postcode }} {{ ${party}.city }}{% if ${party}.country %}, {{ ${party}.country | label: "country" }}{% endif %}</div>
  <table>
    {% if ${party}.tax_id %}<tr><td>{{ "print.taxId" | t }}</td><td>{{ ${party}.tax_id }}</td></tr>{% endif %}
    {% if ${party}.registration_number %}<tr><td>{{ "print.registrationNo" | t }}</td><td>{{ ${party}.registration_number }}</td></tr>{% endif %}
    {% if ${party}.email %}<tr><td>{{ "print.email" | t }}</td><td>{{ ${party}.email }}</td></tr>{% endif %}
    {% if ${party}.phone %}<tr><td>{{ "print.phone" | t }}</td><td>{{ ${party}.phone }}</td></tr>{% endif %}
  </table>
</div>`;
}

/** The firm's logo (if uploaded) and name, top left of every document. */
export const BRAND = `<div class="brand">
  {% if company.logo.src %}<img src="{{ company.logo.src }}" alt="">{% endif %}
  <div><div class="brand-name">{{ company.name }}</div>
  <div class="brand-line">{{ company.address_line1 }}{% if company.address_line2 %}, {{ company.address_line2 }}{% endif %}, {{ company.city }} {{ company.postcode }}<br>{{ company.email }} · {{ company.phone }}{% if company.website %} · {{ company.website | remove: "https://" | remove: "http://" }}{% endif %}</div></div>
</div>`;

/** Line items with net, tax and gross per line; the header repeats on every page. */
export function linesTable(list: string): string {
  return `<table class="lines">
  <thead><tr>
    <th>#</th><th>{{ "print.description" | t }}</th><th class="num">{{ "print.qty" | t }}</th><th>{{ "print.unit" | t }}</th><th class="num">{{ "print.unitPrice" | t }}</th>
    <th class="num">{{ "print.discount" | t }}</th><th class="num">{{ "print.vat" | t }}</th><th class="num">{{ "print.net" | t }}</th><th class="num">{{ "print.vatAmount" | t }}</th><th class="num">{{ "print.gross" | t }}</th>
  </tr></thead>
  <tbody>
  {% for line in ${list} %}<tr>
    <td class="pos">{{ forloop.index }}</td>
    <td>{{ line.description | default: line.product.name }}{% if line.product.sku %}<span class="sku">{{ line.product.sku }}</span>{% endif %}</td>
    <td class="num">{{ line.quantity | number }}</td>
    <td>{{ line.unit | label: "unit" }}</td>
    <td class="num">{{ line.price | money }}</td>
    <td class="num">{% if line.discount and line.discount != 0 %}{{ line.discount | percent }}{% else %}–{% endif %}</td>
    <td class="num">{{ line.tax_rate | percent }}</td>
    <td class="num">{{ line.net | money }}</td>
    <td class="num">{{ line.tax | money }}</td>
    <td class="num">{{ line.gross | money }}</td>
  </tr>{% endfor %}
  </tbody>
</table>`;
}

/** Net, VAT per rate and the grand total, from the per-line rounded tax summary. */
export const TOTALS = `<table class="totals">
  <tr><td>{{ "print.netTotal" | t }}</td><td class="num">{{ record.tax_summary.net | money }}</td></tr>
  {% for row in record.tax_summary.rows %}<tr class="sub"><td>{% assign r = row.rate | percent %}{% assign n = row.net | money %}{{ "print.vatOn" | t: r, n }}</td><td class="num">{{ row.tax | money }}</td></tr>{% endfor %}
  <tr class="grand"><td>{{ "print.total" | t: record.currency }}</td><td class="num">{{ record.total | money }}</td></tr>
</table>`;
