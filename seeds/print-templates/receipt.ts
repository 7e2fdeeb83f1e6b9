import type { PrintTemplate } from "@runtime/print/template";
import { BRAND, DOCUMENT_CSS, documentFooter, partyBlock } from "./styles";

const html = `
<header class="doc-head">
  ${BRAND}
  <div class="doc-title">
    <h1>{{ "print.receipt" | t }}</h1>
    <div class="doc-number">{{ "print.forInvoice" | t: record.number }}</div>
    <div class="badge ok">{{ "print.paidInFull" | t }}</div>
  </div>
</header>

<div class="meta">
  <div><span class="label">{{ "print.invoiceNo" | t }}</span><strong>{{ record.number }}</strong></div>
  <div><span class="label">{{ "print.invoiceDate" | t }}</span><strong>{{ record.date | date }}</strong></div>
  <div><span class="label">{{ "print.invoiceTotal" | t }}</span><strong>{{ record.total | money }}</strong></div>
  {% assign last_payment = record.payments | sort: "date" | last %}<div><span class="label">{{ "print.paidInFullOn" | t }}</span><strong>{{ last_payment.date | date }}</strong></div>
</div>

<div class="parties">
  ${partyBlock("receivedBy", "company")}
  ${partyBlock("receivedFrom", "record.client")}
</div>

<table class="lines">
  <thead><tr><th>#</th><th>{{ "print.paymentDate" | t }}</th><th>{{ "print.method" | t }}</th><th>{{ "print.reference" | t }}</th><th class="num">{{ "print.amount" | t }}</th></tr></thead>
  <tbody>
  {% for payment in record.payments %}<tr>
    <td class="pos">{{ forloop.index }}</td><td>{{ payment.date | date }}</td><td>{{ payment.method | label: "payments.method" }}</td>
    <td>{{ payment.reference }}</td><td class="num">{{ payment.amount | money: payment.currency }}</td>
  </tr>{% endfor %}
  </tbody>
</table>

<div class="summary">
  <div class="left">
    <span class="label">{{ "print.amountReceivedInWords" | t }}</span>
    <div class="words">{{ record.paid | amount_in_words: record.currency }}</div>
  </div>
  <div class="right">
    <table class="totals"><tr class="grand"><td>{{ "print.received" | t: record.currency }}</td><td class="num">{{ record.paid | money }}</td></tr>
    <tr class="after"><td>{{ "print.balance" | t }}</td><td class="num">{{ record.balance | money }}</td></tr></table>
  </div>
</div>

{% assign invoice_date = record.date | date: "long" %}<p class="notes">{{ "print.receiptConfirm" | t: record.number, invoice_date }}</p>

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
  translations: { sv: { name: "Betalningskvitto" }, zh: { name: "付款收据" }, hy: { name: "Վճարման անդորրագիր" } },
  html,
  css: DOCUMENT_CSS,
  page: {
    size: "A4",
    orientation: "portrait",
    margins: { top: 14, right: 15, bottom: 18, left: 15 },
    footer: documentFooter("print.receiptForInvoice"),
  },
  condition: { field: "payment_state", op: "eq", value: "paid" },
  languageFrom: "client.language",
};
