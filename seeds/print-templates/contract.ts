import type { PrintTemplate } from "@runtime/print/template";
import { BRAND, DOCUMENT_CSS, documentFooter, linesTable, partyBlock, TOTALS } from "./styles";

const html = `
<header class="doc-head">
  ${BRAND}
  <div class="doc-title">
    <h1>Contract</h1>
    <div class="doc-number">{{ record.number | default: "Draft" }}</div>
    {% if record.status == "draft" %}<div class="badge">Draft</div>{% endif %}
  </div>
</header>

<div class="meta">
  <div><span class="label">Contract no.</span><strong>{{ record.number | default: "—" }}</strong></div>
  <div><span class="label">Date</span><strong>{{ record.date | date }}</strong></div>
  <div><span class="label">Valid from</span><strong>{{ record.valid_from | date }}</strong></div>
  <div><span class="label">Valid to</span><strong>{{ record.valid_to | date }}</strong></div>
  <div><span class="label">Currency</span><strong>{{ record.currency }}</strong></div>
</div>

<p class="intro">This contract is made on <strong>{{ record.date | date: "long" }}</strong> between the parties below,
<strong>{{ company.legal_name | default: company.name }}</strong> (“the Supplier”) and
<strong>{{ record.client.legal_name | default: record.client.name }}</strong> (“the Customer”).</p>

<div class="parties">
  ${partyBlock("supplier", "company")}
  ${partyBlock("customer", "record.client")}
</div>

<div class="section">
  <h2><span class="no">1.</span>Subject</h2>
  <p>The Supplier provides the Customer with: <strong>{{ record.subject }}</strong>, as itemised in section 3.</p>
</div>

<div class="section">
  <h2><span class="no">2.</span>Term</h2>
  <p>The contract is valid from <strong>{{ record.valid_from | date: "long" }}</strong>{% if record.valid_to %} to <strong>{{ record.valid_to | date: "long" }}</strong>{% endif %}.
  Either party may terminate it in writing{% if record.terms %} as provided in section 5{% endif %}.</p>
</div>

<div class="section" style="break-inside:auto">
  <h2><span class="no">3.</span>Services and prices</h2>
  ${linesTable("record.items")}
  <div class="summary">
    <div class="left">
      <span class="label">Contract value in words</span>
      <div class="words">{{ record.total | amount_in_words: record.currency }}</div>
    </div>
    <div class="right">${TOTALS}</div>
  </div>
</div>

<div class="section">
  <h2><span class="no">4.</span>Invoicing and payment</h2>
  <p>{{ company.default_payment_terms }} Invoices quote this contract's number, {{ record.number | default: "as assigned" }}.
  Payments go to {{ company.bank_name }}, IBAN <strong class="nowrap">{{ company.iban }}</strong>, BIC {{ company.bic }}.</p>
</div>

{% if record.terms %}<div class="section">
  <h2><span class="no">5.</span>Terms and conditions</h2>
  <p class="pre">{{ record.terms }}</p>
</div>{% endif %}

<div class="signatures">
  <div class="signature">
    <span class="label">For the Supplier</span>
    <div class="space">{% if company.signature.src %}<img src="{{ company.signature.src }}" alt="">{% endif %}</div>
    <div class="line"><span class="who">{{ company.signatory_name }}</span><br><span class="muted">{{ company.signatory_title }}, {{ company.legal_name | default: company.name }}</span><br><span class="muted small">Date: {{ record.date | date }}</span></div>
  </div>
  <div class="signature">
    <span class="label">For the Customer</span>
    <div class="space"></div>
    <div class="line"><span class="who">&nbsp;</span><br><span class="muted">Name, title — {{ record.client.legal_name | default: record.client.name }}</span><br><span class="muted small">Date:</span></div>
  </div>
</div>
`;

export const CONTRACT_TEMPLATE: PrintTemplate = {
  id: "contract",
  table: "contracts",
  name: "Contract",
  html,
  css: DOCUMENT_CSS,
  page: {
    size: "A4",
    orientation: "portrait",
    margins: { top: 14, right: 15, bottom: 18, left: 15 },
    footer: documentFooter("Contract"),
  },
};
