import type { PrintTemplate } from "@runtime/print/template";
import { BRAND, DOCUMENT_CSS, documentFooter, linesTable, partyBlock, TOTALS } from "./styles";

const html = `
<header class="doc-head">
  ${BRAND}
  <div class="doc-title">
    <h1>{{ "print.contract" | t }}</h1>
    {% assign draft_word = "print.draft" | t %}<div class="doc-number">{{ record.number | default: draft_word }}</div>
    {% if record.status == "draft" %}<div class="badge">{{ "print.draft" | t }}</div>{% endif %}
  </div>
</header>

<div class="meta">
  <div><span class="label">{{ "print.contractNo" | t }}</span><strong>{{ record.number | default: "—" }}</strong></div>
  <div><span class="label">{{ "print.date" | t }}</span><strong>{{ record.date | date }}</strong></div>
  <div><span class="label">{{ "print.validFrom" | t }}</span><strong>{{ record.valid_from | date }}</strong></div>
  <div><span class="label">{{ "print.validTo" | t }}</span><strong>{{ record.valid_to | date }}</strong></div>
  <div><span class="label">{{ "print.currency" | t }}</span><strong>{{ record.currency }}</strong></div>
</div>

{% assign made_on = record.date | date: "long" %}{% assign supplier_name = company.legal_name | default: company.name %}{% assign customer_name = record.client.legal_name | default: record.client.name %}
<p class="intro">{{ "print.contractIntro" | t: made_on, supplier_name, customer_name }}</p>

<div class="parties">
  ${partyBlock("supplier", "company")}
  ${partyBlock("customer", "record.client")}
</div>

<div class="section">
  <h2><span class="no">1.</span>{{ "print.subject" | t }}</h2>
  <p>{{ "print.subjectText" | t: record.subject }}</p>
</div>

<div class="section">
  <h2><span class="no">2.</span>{{ "print.term" | t }}</h2>
  {% assign valid_from = record.valid_from | date: "long" %}{% assign valid_to = record.valid_to | date: "long" %}
  <p>{% if record.valid_to %}{{ "print.validFromTo" | t: valid_from, valid_to }}{% else %}{{ "print.validFromOnly" | t: valid_from }}{% endif %}
  {% if record.terms %}{{ "print.terminateSection5" | t }}{% else %}{{ "print.terminate" | t }}{% endif %}</p>
</div>

<div class="section" style="break-inside:auto">
  <h2><span class="no">3.</span>{{ "print.servicesAndPrices" | t }}</h2>
  ${linesTable("record.items")}
  <div class="summary">
    <div class="left">
      <span class="label">{{ "print.contractValueInWords" | t }}</span>
      <div class="words">{{ record.total | amount_in_words: record.currency }}</div>
    </div>
    <div class="right">${TOTALS}</div>
  </div>
</div>

<div class="section">
  <h2><span class="no">4.</span>{{ "print.invoicingAndPayment" | t }}</h2>
  {% assign as_assigned = "print.asAssigned" | t %}{% assign contract_number = record.number | default: as_assigned %}
  <p>{{ company.default_payment_terms }} {{ "print.invoicesQuote" | t: contract_number }}
  {{ "print.paymentsGoTo" | t: company.bank_name, company.iban, company.bic }}</p>
</div>

{% if record.terms %}<div class="section">
  <h2><span class="no">5.</span>{{ "print.termsAndConditions" | t }}</h2>
  <p class="pre">{{ record.terms }}</p>
</div>{% endif %}

<div class="signatures">
  <div class="signature">
    <span class="label">{{ "print.forSupplier" | t }}</span>
    <div class="space">{% if company.signature.src %}<img src="{{ company.signature.src }}" alt="">{% endif %}</div>
    <div class="line"><span class="who">{{ company.signatory_name }}</span><br><span class="muted">{{ company.signatory_title }}, {{ company.legal_name | default: company.name }}</span><br><span class="muted small">{{ "print.dateColon" | t }} {{ record.date | date }}</span></div>
  </div>
  <div class="signature">
    <span class="label">{{ "print.forCustomer" | t }}</span>
    <div class="space"></div>
    <div class="line"><span class="who">&nbsp;</span><br><span class="muted">{{ "print.nameTitle" | t }} — {{ record.client.legal_name | default: record.client.name }}</span><br><span class="muted small">{{ "print.dateColon" | t }}</span></div>
  </div>
</div>
`;

export const CONTRACT_TEMPLATE: PrintTemplate = {
  id: "contract",
  table: "contracts",
  name: "Contract",
  translations: { sv: { name: "Avtal" }, zh: { name: "合同" }, hy: { name: "Պայմանագիր" } },
  html,
  css: DOCUMENT_CSS,
  page: {
    size: "A4",
    orientation: "portrait",
    margins: { top: 14, right: 15, bottom: 18, left: 15 },
    footer: documentFooter("print.contract"),
  },
  languageFrom: "client.language",
};
