import type { PrintTemplate } from "@runtime/print/template";
import { BRAND, DOCUMENT_CSS, documentFooter, linesTable, partyBlock, TOTALS } from "./styles";

const html = `
<header class="doc-head">
  ${BRAND}
  <div class="doc-title">
    <h1>{% if record.kind == "credit_note" %}{{ "print.creditNote" | t }}{% else %}{{ "print.invoice" | t }}{% endif %}</h1>
    {% if record.number %}<div class="doc-number">{{ record.number }}</div>{% endif %}
    {% if record.status == "draft" %}<div class="badge">{{ "print.draftBadge" | t }}</div>{% endif %}
    {% if record.status == "cancelled" %}<div class="badge">{{ "print.cancelled" | t }}</div>{% endif %}
    {% if record.status == "issued" and record.payment_state == "paid" %}<div class="badge ok">{{ "print.paid" | t }}</div>{% endif %}
  </div>
</header>

<div class="meta">
  <div><span class="label">{% if record.kind == "credit_note" %}{{ "print.creditNoteNo" | t }}{% else %}{{ "print.invoiceNo" | t }}{% endif %}</span><strong>{{ record.number | default: "—" }}</strong></div>
  {% if record.credit_for %}<div><span class="label">{{ "print.correctsInvoice" | t }}</span><strong>{{ record.credit_for.number }}</strong><br><span class="small muted">{% assign d = record.credit_for.date | date %}{{ "print.of" | t: d }}</span></div>{% endif %}
  <div><span class="label">{{ "print.invoiceDate" | t }}</span><strong>{{ record.date | date }}</strong></div>
  <div><span class="label">{{ "print.dueDate" | t }}</span><strong>{{ record.due_date | date }}</strong></div>
  {% if record.contract %}<div><span class="label">{{ "print.contract" | t }}</span><strong>{{ record.contract.number }}</strong><br><span class="small muted">{% assign d = record.contract.date | date %}{{ "print.of" | t: d }}</span></div>{% endif %}
  <div><span class="label">{{ "print.currency" | t }}</span><strong>{{ record.currency }}</strong></div>
</div>

<div class="parties">
  ${partyBlock("supplier", "company")}
  ${partyBlock("billTo", "record.client")}
</div>

${linesTable("record.items")}

<div class="summary">
  <div class="left">
    <span class="label">{{ "print.amountInWords" | t }}</span>
    <div class="words">{{ record.total | amount_in_words: record.currency }}</div>
    <div class="box">
      <h3>{{ "print.paymentDetails" | t }}</h3>
      <table>
        <tr><td>{{ "print.bank" | t }}</td><td>{{ company.bank_name }}</td></tr>
        <tr><td>{{ "print.iban" | t }}</td><td class="nowrap"><strong>{{ company.iban }}</strong></td></tr>
        <tr><td>{{ "print.bic" | t }}</td><td>{{ company.bic }}</td></tr>
        <tr><td>{{ "print.accountHolder" | t }}</td><td>{{ company.legal_name | default: company.name }}</td></tr>
        <tr><td>{{ "print.reference" | t }}</td><td><strong>{{ record.number | default: "—" }}</strong></td></tr>
      </table>
    </div>
  </div>
  <div class="right">
    ${TOTALS}
    {% if record.paid and record.paid != 0 %}
    <table class="totals">
      <tr class="after"><td>{{ "print.paidToDate" | t }}</td><td class="num">− {{ record.paid | money }}</td></tr>
      <tr class="after due"><td>{{ "print.balanceDue" | t }}</td><td class="num">{{ record.balance | money }}</td></tr>
    </table>
    {% endif %}
    <div class="signature" style="margin-top:4mm">
      <span class="label">{{ "print.issuedBy" | t }}</span>
      <div class="space">{% if company.signature.src %}<img src="{{ company.signature.src }}" alt="">{% endif %}</div>
      <div class="line"><span class="who">{{ company.signatory_name }}</span><br><span class="muted">{{ company.signatory_title }}, {{ company.legal_name | default: company.name }}</span></div>
    </div>
  </div>
</div>

<div class="notes">
  <span class="label">{{ "print.paymentTerms" | t }}</span>
  <p>{{ record.payment_terms | default: company.default_payment_terms }}{% if record.due_date %} {% assign d = record.due_date | date: "long" %}{{ "print.payBy" | t: d }}{% endif %}</p>
  {% if record.notes %}<p class="pre muted">{{ record.notes }}</p>{% endif %}
</div>

`;

export const INVOICE_TEMPLATE: PrintTemplate = {
  id: "invoice",
  table: "invoices",
  name: "Invoice",
  translations: { sv: { name: "Faktura" }, zh: { name: "发票" }, hy: { name: "Հաշիվ-ապրանքագիր" } },
  languageFrom: "client.language",
  html,
  css: DOCUMENT_CSS,
  page: {
    size: "A4",
    orientation: "portrait",
    margins: { top: 12, right: 15, bottom: 16, left: 15 },
    footer: documentFooter("print.invoice"),
  },
};
