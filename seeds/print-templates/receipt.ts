import type { PrintTemplate } from "@runtime/print/template";
import { BRAND, DOCUMENT_CSS, documentFooter, partyBlock } from "./styles";

const html = `
<header class="doc-head">
  ${BRAND}
  <div class="doc-title">
    <h1>Receipt</h1>
    <div class="doc-number">for invoice {{ record.number }}</div>
    <div class="badge ok">Paid in full</div>
  </div>
</header>

<div class="meta">
  <div><span class="label">Invoice no.</span><strong>{{ record.number }}</strong></div>
  <div><span class="label">Invoice date</span><strong>{{ record.date | date }}</strong></div>
  <div><span class="label">Invoice total</span><strong>{{ record.total | money }}</strong></div>
  {% assign last_payment = record.payments | sort: "date" | last %}<div><span class="label">Paid in full on</span><strong>{{ last_payment.date | date }}</strong></div>
</div>

<div class="parties">
  ${partyBlock("receivedBy", "company")}
  ${partyBlock("receivedFrom", "record.client")}
</div>

<table class="lines">
  <thead><tr><th>#</th><th>Payment date</th><th>Method</th><th>Reference</th><th class="num">Amount</th></tr></thead>
  <tbody>
  {% for payment in record.payments %}<tr>
    <td class="pos">{{ forloop.index }}</td><td>{{ payment.date | date }}</td><td>{{ payment.method | label: "payments.method" }}</td>
    <td>{{ payment.reference }}</td><td class="num">{{ payment.amount | money: payment.currency }}</td>
  </tr>{% endfor %}
  </tbody>
</table>

<div class="summary">
  <div class="left">
    <span class="label">Amount received in words</span>
    <div class="words">{{ record.paid | amount_in_words: record.currency }}</div>
  </div>
  <div class="right">
    <table class="totals"><tr class="grand"><td>Received ({{ record.currency }})</td><td class="num">{{ record.paid | money }}</td></tr>
    <tr class="after"><td>Balance</td><td class="num">{{ record.balance | money }}</td></tr></table>
  </div>
</div>

<p class="notes">We confirm that invoice {{ record.number }} of {{ record.date | date: "long" }} has been paid in full. Thank you.</p>

<div class="signatures">
  <div class="signature">
    <div class="space">{% if company.signature.src %}<img src="{{ company.signature.src }}" alt="">{% endif %}</div>
    <div class="line"><span class="who">{{ company.signatory_name }}</span><br><span class="muted">{{ company.signatory_title }}, {{ company.legal_name | default: company.name }}</span></div>
  </div>
  <div class="signature"></div>
</div>
`;

/** Offered only for paid invoices (`condition`). */
export const RECEIPT_TEMPLATE: PrintTemplate = {
  id: "receipt",
  table: "invoices",
  name: "Payment receipt",
  html,
  css: DOCUMENT_CSS,
  page: {
    size: "A4",
    orientation: "portrait",
    margins: { top: 14, right: 15, bottom: 18, left: 15 },
    footer: documentFooter("Receipt for invoice"),
  },
  condition: { field: "payment_state", op: "eq", value: "paid" },
};
