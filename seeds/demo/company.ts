/** The demo firm's own card: what every printed contract and invoice needs. */
import { makeCompany, type CompanySeed } from "../factories";

export const DEMO_COMPANY: CompanySeed = makeCompany(
  {
    name: "Tessera Demo",
    legal_name: "Tessera Demo Limited",
    tax_id: "IE3698214KH",
    registration_number: "CRO 702514",
    address_line1: "Grand Canal House",
    address_line2: "1 Grand Canal Street Upper",
    city: "Dublin 4",
    postcode: "D04 Y7R5",
    country: "IE",
    email: "accounts@tessera-demo.ie",
    phone: "+353 1 903 4120",
    website: "https://www.tessera-demo.ie",
    bank_name: "Allied Irish Banks, p.l.c.",
    // The IBAN registry's published Irish example: a valid checksum that belongs to nobody.
    iban: "IE29 AIBK 9311 5212 3456 78",
    bic: "AIBKIE2D",
    signatory_name: "Anna Keane",
    signatory_title: "Managing Director",
    default_currency: "EUR",
    default_payment_terms: "Payment within 14 days of the invoice date by bank transfer, quoting the invoice number.",
    default_payment_days: 14,
  },
  1,
);
