import type { DefaultMailTemplate } from "@runtime/mail/mail-templates.server";

/**
 * The messages *Send by email* starts from: an invoice, a reminder of one past due, a contract and
 * a receipt, each in Liquid over the same variables as the print templates (the PDF attached is the
 * table's first print template). Plain text, as the card shows and sends it.
 */
export const DEFAULT_MAIL_TEMPLATES: readonly DefaultMailTemplate[] = [
  {
    id: "mt_invoice",
    table: "invoices",
    name: "Invoice",
    translations: { sv: { name: "Faktura" }, zh: { name: "发票" }, hy: { name: "Հաշիվ-ապրանքագիր" } },
    subject: "Invoice {{ record.number }} from {{ company.name }}",
    body: `Dear {{ record.client.name }},

please find attached our invoice {{ record.number }} of {{ record.date | date: "long" }} for {{ record.total | money }}, due on {{ record.due_date | date: "long" }}.

{% if company.iban %}Please transfer the amount to {{ company.bank_name | default: "our account" }}, IBAN {{ company.iban }}{% if company.bic %}, BIC {{ company.bic }}{% endif %}, with the reference {{ record.number }}.
{% endif %}
Kind regards,
{{ company.signatory_name | default: company.name }}
{{ company.name }}`,
  },
  {
    id: "mt_invoice_reminder",
    table: "invoices",
    name: "Payment reminder",
    translations: { sv: { name: "Betalningspåminnelse" }, zh: { name: "付款提醒" }, hy: { name: "Վճարման հիշեցում" } },
    subject: "Reminder: invoice {{ record.number }} is past due",
    body: `Dear {{ record.client.name }},

our invoice {{ record.number }} of {{ record.date | date: "long" }} was due on {{ record.due_date | date: "long" }}, and {{ record.balance | money }} of it is still open. We attach it again for your convenience.

If you have paid in the meantime, please disregard this message.

Kind regards,
{{ company.signatory_name | default: company.name }}
{{ company.name }}`,
  },
  {
    id: "mt_contract",
    table: "contracts",
    name: "Contract",
    translations: { sv: { name: "Avtal" }, zh: { name: "合同" }, hy: { name: "Պայմանագիր" } },
    subject: "Contract {{ record.number | default: record.subject }} — {{ company.name }}",
    body: `Dear {{ record.client.name }},

please find attached the contract "{{ record.subject }}", valid from {{ record.valid_from | date: "long" }}. Sign it and send it back to us, and we are ready to start.

Kind regards,
{{ company.signatory_name | default: company.name }}
{{ company.name }}`,
  },
];
