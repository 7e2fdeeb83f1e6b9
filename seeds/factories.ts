/**
 * Record factories, one per table: plain objects with plausible values, deterministic for a given
 * seed number, so seeds and tests build records the same way. Overrides win; an override of
 * `undefined` removes the field. Relations are never invented (an id only means something in a
 * database): pass them in overrides, as ids or as `{ $ref }`s.
 */
import type {
  ClientInput,
  CompanyInput,
  ContactInput,
  ContractInput,
  ContractLineInput,
  EventInput,
  InvoiceInput,
  InvoiceLineInput,
  PaymentInput,
  ProductCategoryInput,
  ProductInput,
} from "./generated/workspace-types";
import { createPrng, type Prng } from "./prng";
import type { SeedValues } from "./seed-record";

export type ClientSeed = SeedValues<ClientInput>;
export type ContactSeed = SeedValues<ContactInput>;
export type EventSeed = SeedValues<EventInput>;
export type ContractLineSeed = SeedValues<ContractLineInput>;
export type ContractSeed = SeedValues<ContractInput> & { items?: ContractLineSeed[] };
export type InvoiceLineSeed = SeedValues<InvoiceLineInput>;
export type InvoiceSeed = SeedValues<InvoiceInput> & { items?: InvoiceLineSeed[] };
export type PaymentSeed = SeedValues<PaymentInput>;
export type ProductCategorySeed = SeedValues<ProductCategoryInput>;
export type ProductSeed = SeedValues<ProductInput>;
export type CompanySeed = SeedValues<CompanyInput>;

/** The built-in users table is not part of the workspace schema, so its shape is declared here. */
export type UserSeed = {
  name: string;
  email: string;
  role: "admin" | "staff" | "accountant";
  active: boolean;
};

const FIRST_NAMES = ["Aoife", "Ciarán", "Emma", "Lukas", "Sophie", "Mateo", "Julia", "Oliver", "Chloé", "Jan", "Freya", "Marco"];
const LAST_NAMES = ["Murphy", "O'Brien", "Schmidt", "Dubois", "Jansen", "Nowak", "García", "Rossi", "Andersen", "Walsh", "Novák", "Keane"];
const COMPANY_WORDS = ["Harbour", "Granite", "Meadow", "Copper", "Lantern", "Northgate", "Riverside", "Summit", "Willow", "Beacon"];
const COMPANY_TRADES = ["Logistics", "Dental", "Print", "Foods", "Engineering", "Design", "Hotels", "Analytics", "Joinery", "Travel"];
const STREETS = ["Main Street", "Harbour Road", "Church Lane", "Station Road", "Mill Street", "Market Square"];
const CITIES = [
  { city: "Dublin", postcode: "D02 XY45", country: "IE" },
  { city: "Cork", postcode: "T12 AB34", country: "IE" },
  { city: "Berlin", postcode: "10115", country: "DE" },
  { city: "Lyon", postcode: "69002", country: "FR" },
  { city: "Utrecht", postcode: "3511 AB", country: "NL" },
  { city: "Manchester", postcode: "M1 4BT", country: "GB" },
] as const;

/** Spreads overrides over defaults; `undefined` in overrides drops the field. */
function build<T extends object>(defaults: T, overrides: Partial<T>): T {
  const merged: Record<string, unknown> = { ...defaults, ...overrides };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return merged as T;
}

/** Lower-case ASCII for emails and web addresses: `Ciarán O'Brien` → `ciaran.obrien`. */
export function slugOf(text: string, separator = "-"): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, "g"), "");
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** A date in 2025–2026 as `YYYY-MM-DD`, day 1..28 so every month has it. */
function someDate(prng: Prng): string {
  return `${prng.pick([2025, 2026])}-${pad(prng.int(1, 12), 2)}-${pad(prng.int(1, 28), 2)}`;
}

function personName(prng: Prng): { first: string; last: string } {
  return { first: prng.pick(FIRST_NAMES), last: prng.pick(LAST_NAMES) };
}

function money(prng: Prng, min: number, max: number): number {
  return prng.int(min * 100, max * 100) / 100;
}

export function makeClient(overrides: ClientSeed = {}, seed = 1): ClientSeed {
  const prng = createPrng(seed);
  const place = prng.pick(CITIES);
  const name = `${prng.pick(COMPANY_WORDS)} ${prng.pick(COMPANY_TRADES)} Ltd`;
  const domain = `${slugOf(name.replace(/ Ltd$/, ""), "")}.example`;
  return build<ClientSeed>(
    {
      kind: "company",
      name,
      legal_name: name,
      tax_id: `${place.country}${pad(prng.int(10000000, 99999999), 9)}`,
      email: `info@${domain}`,
      phone: `+353 1 ${prng.int(200, 999)} ${pad(prng.int(0, 9999), 4)}`,
      website: `https://www.${domain}`,
      address_line1: `${prng.int(1, 120)} ${prng.pick(STREETS)}`,
      city: place.city,
      postcode: place.postcode,
      country: place.country,
      status: prng.pick(["lead", "active", "active", "inactive"] as const),
    },
    overrides,
  );
}

export function makeContact(overrides: ContactSeed = {}, seed = 1): ContactSeed {
  const prng = createPrng(seed);
  const { first, last } = personName(prng);
  return build<ContactSeed>(
    {
      first_name: first,
      last_name: last,
      position: prng.pick(["Managing Director", "Office Manager", "Finance Manager", "IT Lead", "Head of Operations"]),
      email: `${slugOf(`${first} ${last}`, ".")}@example.com`,
      phone: `+353 87 ${prng.int(100, 999)} ${pad(prng.int(0, 9999), 4)}`,
      is_primary: false,
    },
    overrides,
  );
}

export function makeProductCategory(overrides: ProductCategorySeed = {}, seed = 1): ProductCategorySeed {
  const prng = createPrng(seed);
  const name = `${prng.pick(COMPANY_WORDS)} ${prng.pick(["services", "supplies", "packages"])} ${seed}`;
  return build<ProductCategorySeed>({ name, description: `Everything ${name.toLowerCase()}.` }, overrides);
}

export function makeProduct(overrides: ProductSeed = {}, seed = 1): ProductSeed {
  const prng = createPrng(seed);
  const kind = prng.pick(["product", "service"] as const);
  const unit = kind === "service" ? prng.pick(["h", "day", "month"] as const) : prng.pick(["pcs", "set", "m"] as const);
  return build<ProductSeed>(
    {
      kind,
      sku: `${kind === "service" ? "SRV" : "PRD"}-${pad(seed, 4)}`,
      name: `${prng.pick(COMPANY_WORDS)} ${kind === "service" ? "consulting" : "kit"}`,
      unit,
      price: money(prng, 5, 1500),
      tax_rate: prng.pick([23, 13.5, 0]),
      active: true,
    },
    overrides,
  );
}

/** No discount by default: most lines have none, and a copied line must not gain one. */
function lineDefaults(prng: Prng): ContractLineSeed & InvoiceLineSeed {
  return {
    position: 1,
    description: `${prng.pick(["Consulting", "Development", "Support", "Training"])} ${prng.pick(["hours", "days", "package"])}`,
    quantity: prng.int(1, 40) / prng.pick([1, 2, 4]),
    unit: prng.pick(["h", "day", "pcs"] as const),
    price: money(prng, 10, 900),
    tax_rate: prng.pick([23, 13.5, 0]),
  };
}

/** A contract line; `contract` is set by the parent when nested under `items`. */
export function makeContractItem(overrides: ContractLineSeed = {}, seed = 1): ContractLineSeed {
  return build<ContractLineSeed>(lineDefaults(createPrng(seed)), overrides);
}

/** An invoice line; `invoice` is set by the parent when nested under `items`. */
export function makeInvoiceItem(overrides: InvoiceLineSeed = {}, seed = 1): InvoiceLineSeed {
  return build<InvoiceLineSeed>(lineDefaults(createPrng(seed)), overrides);
}

export function makeContract(overrides: ContractSeed = {}, seed = 1): ContractSeed {
  const prng = createPrng(seed);
  const date = someDate(prng);
  return build<ContractSeed>(
    {
      date,
      valid_from: date,
      // A year's validity ends the day before the anniversary.
      valid_to: addDays(`${Number(date.slice(0, 4)) + 1}${date.slice(4)}`, -1),
      status: prng.pick(["draft", "active", "active", "expired"] as const),
      currency: "EUR",
      subject: prng.pick(["Support and maintenance", "Website redesign", "CRM roll-out", "Managed hosting"]),
    },
    overrides,
  );
}

export function makeInvoice(overrides: InvoiceSeed = {}, seed = 1): InvoiceSeed {
  const prng = createPrng(seed);
  const date = someDate(prng);
  const days = prng.pick([14, 30]);
  return build<InvoiceSeed>(
    {
      date,
      due_date: addDays(date, days),
      currency: "EUR",
      status: prng.pick(["draft", "issued", "issued"] as const),
      payment_terms: `Payment within ${days} days of the invoice date by bank transfer.`,
    },
    overrides,
  );
}

export function makePayment(overrides: PaymentSeed = {}, seed = 1): PaymentSeed {
  const prng = createPrng(seed);
  return build<PaymentSeed>(
    {
      date: someDate(prng),
      amount: money(prng, 50, 5000),
      currency: "EUR",
      method: prng.pick(["bank_transfer", "bank_transfer", "card", "cash"] as const),
      reference: `BT-${pad(prng.int(0, 999999), 6)}`,
    },
    overrides,
  );
}

export function makeEvent(overrides: EventSeed = {}, seed = 1): EventSeed {
  const prng = createPrng(seed);
  const kind = prng.pick(["call", "meeting", "task", "email"] as const);
  const day = someDate(prng);
  const hour = pad(prng.int(8, 17), 2);
  return build<EventSeed>(
    {
      kind,
      subject: `${kind === "task" ? "Prepare" : "Discuss"} ${prng.pick(["renewal", "quote", "invoice", "project plan"])}`,
      starts_at: `${day}T${hour}:00:00.000Z`,
      due_at: `${day}T${hour}:30:00.000Z`,
      priority: prng.pick(["low", "normal", "normal", "high"] as const),
      done: prng.chance(0.5),
    },
    overrides,
  );
}

export function makeCompany(overrides: CompanySeed = {}, seed = 1): CompanySeed {
  const prng = createPrng(seed);
  const name = `${prng.pick(COMPANY_WORDS)} ${prng.pick(COMPANY_TRADES)}`;
  return build<CompanySeed>(
    {
      name,
      legal_name: `${name} Limited`,
      tax_id: `IE${prng.int(1000000, 9999999)}${prng.pick(["A", "B", "H", "W"])}`,
      registration_number: String(prng.int(100000, 799999)),
      country: "IE",
      default_currency: "EUR",
      default_payment_terms: "Payment within 14 days of the invoice date by bank transfer.",
      default_payment_days: 14,
    },
    overrides,
  );
}

export function makeUser(overrides: Partial<UserSeed> = {}, seed = 1): UserSeed {
  const prng = createPrng(seed);
  const { first, last } = personName(prng);
  return build<UserSeed>(
    {
      name: `${first} ${last}`,
      email: `${slugOf(`${first} ${last}`, ".")}@example.com`,
      role: prng.pick(["admin", "staff", "accountant"] as const),
      active: true,
    },
    overrides,
  );
}

/** `2026-01-30` + 30 → `2026-03-01`; calendar arithmetic in UTC so time zones cannot shift it. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
