import type { PrintTemplate } from "@runtime/print/template";
import { BRAND, DOCUMENT_CSS, documentFooter, linesTable, partyBlock, TOTALS } from "./styles";

const html = `
<header class="doc-head">
  ${BRAND}
  <div class="doc-title">
    <h1>{% if record.kind == "credit_note" %}Credit note{% else %}Invoice{% endif %}</h1>
    {% if record.number %}<div class="doc-number">{{ record.number }}</div>{% endif %}
    {% if record.status == "draft" %}<div class="badge">Draft · not a tax invoice</div>{% endif %}
    {% if record.status == "cancelled" %}<div class="badge">Cancelled</div>{% endif %}
    {% if record.status == "issued" and record.payment_state == "paid" %}<div class="badge ok">Paid</div>{% endif %}
  </div>
</header>

<div class="meta">
  <div><span class="label">{% if record.kind == "credit_note" %}Credit note no.{% else %}Invoice no.{% endif %}</span><strong>{{ record.number | default: "—" }}</strong></div>
  {% if record.credit_for %}<div><span class="label">Corrects invoice</span><strong>{{ record.credit_for.number }}</strong><br><span class="small muted">of {{ record.credit_for.date | date }}</span></div>{% endif %}
  <div><span class="label">Invoice date</span><strong>{{ record.date | date }}</strong></div>
  <div><span class="label">Due date</span><strong>{{ record.due_date | date }}</strong></div>
  {% if record.contract %}<div><span class="label">Contract</span><strong>{{ record.contract.number }}</strong><br><span class="small muted">of {{ record.contract.date | date }}</span></div>{% endif %}
  <div><span class="label">Currency</span><strong>{{ record.currency }}</strong></div>
</div>

<div class="parties">
  ${partyBlock("Supplier", "company")}
  ${partyBlock("Bill to", "record.client")}
</div>

${linesTable("record.items")}

<div class="summary">
  <div class="left">
    <span class="label">Amount in words</span>
    <div class="words">{{ record.total | amount_in_words: record.currency }}</div>
    <div class="box">
      <h3>Payment details</h3>
      <table>
        <tr><td>Bank</td><td>{{ company.bank_name }}</td></tr>
        <tr><td>IBAN</td><td class="nowrap"><strong>{{ company.iban }}</strong></td></tr>
        <tr><td>BIC / SWIFT</td><td>{{ company.bic }}</td></tr>
        <tr><td>Account holder</td><td>{{ company.legal_name | default: company.name }}</td></tr>
        <tr><td>Reference</td><td><strong>{{ record.number | default: "—" }}</strong></td></tr>
      </table>
    </div>
  </div>
  <div class="right">
    ${TOTALS}
    {% if record.paid and record.paid != 0 %}
    <table class="totals">
      <tr class="after"><td>Paid to date</td><td class="num">− {{ record.paid | money }}</td></tr>
      <tr class="after due"><td>Balance due</td><td class="num">{{ record.balance | money }}</td></tr>
    </table>
    {% endif %}
    <div class="signature" style="margin-top:4mm">
      <span class="label">Issued by</span>
      <div class="space">{% if company.signature.src %}<img src="{{ company.signature.src }}" alt="">{% endif %}</div>
      <div class="line"><span class="who">{{ company.signatory_name }}</span><br><span class="muted">{{ company.signatory_title }}, {{ company.legal_name | default: company.name }}</span></div>
    </div>
  </div>
</div>

<div class="notes">
  <span class="label">Payment terms</span>
  <p>{{ record.payment_terms | default: company.default_payment_terms }}{% if record.due_date %} Please pay by <strong>{{ record.due_date | date: "long" }}</strong>.{% endif %}</p>
  {% if record.notes %}<p class="pre muted">{{ record.notes }}</p>{% endif %}
</div>

`;

export const INVOICE_TEMPLATE: PrintTemplate = {
  id: "invoice",
  table: "invoices",
  name: "Invoice",
  html,
  css: DOCUMENT_CSS,
  page: {
    size: "A4",
    orientation: "portrait",
    margins: { top: 12, right: 15, bottom: 16, left: 15 },
    footer: documentFooter("Invoice"),
  },
};
