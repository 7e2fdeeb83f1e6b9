/**
 * Contracts, invoices and payments of the demo firm, 2025 to 20 November 2026. Written as plans
 * (which products, how many, when paid) and expanded into records, so amounts, VAT treatment and
 * payments stay consistent with each other.
 */
import {
  addDays,
  makeContract,
  makeContractItem,
  makeInvoice,
  makeInvoiceItem,
  makePayment,
  type ContractLineSeed,
  type InvoiceLineSeed,
} from "../factories";
import { createPrng } from "../prng";
import { recordRef, type SeedRecord } from "../seed-record";
import { documentTotal, minus, shareOf } from "./amounts";
import { demoProduct, productRef } from "./catalog";
import { currencyOf, demoClient, EU_COUNTRIES, type DemoClient } from "./clients";
import { receivedIn } from "./exchange-rates";

/** The demo's "today": nothing is dated later, and overdue invoices are overdue relative to it. */
export const DEMO_TODAY = "2026-11-20";

type LinePlan = [sku: string, quantity: number, discount?: number];
/** `receivedIn`: the client paid in another currency than the invoice's, converted at the day's rate. */
type PaymentPlan = [
  daysAfterInvoice: number,
  share: number,
  method?: "bank_transfer" | "card" | "cash",
  receivedIn?: "USD" | "GBP" | "CHF",
];

interface InvoicePlan {
  ref: string;
  date: string;
  /** Days to pay; 14 unless said. */
  days?: number;
  status?: "draft" | "issued" | "cancelled";
  /** On a contract: `{ share }` bills every contract line × share; a list bills those lines. */
  lines: LinePlan[] | { share: number };
  /** Billing period appended to recurring lines, e.g. "Feb–Apr 2025". */
  period?: string;
  /** Each pays `share` of the total; a share of 1 pays whatever is left. */
  payments?: PaymentPlan[];
  notes?: string;
}

interface ContractPlan {
  ref: string;
  client: string;
  date: string;
  valid_from: string;
  valid_to: string;
  status: "draft" | "active" | "expired" | "terminated";
  subject: string;
  days?: number;
  lines: LinePlan[];
  invoices: InvoicePlan[];
}

const CONTRACTS: ContractPlan[] = [
  {
    ref: "acme-2025",
    client: "acme",
    date: "2025-01-10",
    valid_from: "2025-02-01",
    valid_to: "2026-01-31",
    status: "expired",
    subject: "Managed hosting and support 2025",
    lines: [
      ["SUP-PRO", 12],
      ["HOST-M", 12],
      ["HOST-BKP", 12],
    ],
    invoices: [
      { ref: "acme-2025-q1", date: "2025-02-03", lines: { share: 0.25 }, period: "Feb–Apr 2025", payments: [[12, 1]] },
      { ref: "acme-2025-q2", date: "2025-05-01", lines: { share: 0.25 }, period: "May–Jul 2025", payments: [[20, 1]] },
      { ref: "acme-2025-q3", date: "2025-08-01", lines: { share: 0.25 }, period: "Aug–Oct 2025", payments: [[9, 1]] },
      { ref: "acme-2025-q4", date: "2025-11-03", lines: { share: 0.25 }, period: "Nov 2025–Jan 2026", payments: [[14, 1]] },
    ],
  },
  {
    ref: "acme-2026",
    client: "acme",
    date: "2026-01-12",
    valid_from: "2026-02-01",
    valid_to: "2027-01-31",
    status: "active",
    subject: "Managed hosting, support and CRM licences 2026",
    lines: [
      ["SUP-PRO", 12, 5],
      ["HOST-M", 12],
      ["HOST-BKP", 12],
      ["LIC-CRM", 120],
    ],
    invoices: [
      { ref: "acme-2026-q1", date: "2026-02-02", lines: { share: 0.25 }, period: "Feb–Apr 2026", payments: [[10, 1]] },
      { ref: "acme-2026-q2", date: "2026-05-04", lines: { share: 0.25 }, period: "May–Jul 2026", payments: [[15, 1]] },
      {
        ref: "acme-2026-q3",
        date: "2026-08-03",
        lines: { share: 0.25 },
        period: "Aug–Oct 2026",
        // Half from Acme's US subsidiary, in dollars.
        payments: [
          [13, 0.5, "bank_transfer", "USD"],
          [21, 1],
        ],
      },
      { ref: "acme-2026-q4", date: "2026-11-02", lines: { share: 0.25 }, period: "Nov 2026–Jan 2027" },
    ],
  },
  {
    ref: "brennan-walsh-dms",
    client: "brennan-walsh",
    date: "2025-03-03",
    valid_from: "2025-03-10",
    valid_to: "2025-09-30",
    status: "expired",
    subject: "Document management system roll-out",
    days: 30,
    lines: [
      ["CONS-WS", 2],
      ["DEV-DAY", 25],
      ["DEV-PM", 40],
      ["TRN-DAY", 2],
      ["TRN-MAN", 12],
    ],
    invoices: [
      {
        ref: "brennan-walsh-m1",
        date: "2025-05-30",
        days: 30,
        lines: [
          ["CONS-WS", 2],
          ["DEV-DAY", 12],
          ["DEV-PM", 20],
        ],
        payments: [[28, 1]],
        notes: "Milestone 1: requirements and core system.",
      },
      {
        ref: "brennan-walsh-m2",
        date: "2025-10-03",
        days: 30,
        lines: [
          ["DEV-DAY", 13],
          ["DEV-PM", 20],
          ["TRN-DAY", 2],
          ["TRN-MAN", 12],
        ],
        payments: [
          [25, 0.5],
          [40, 1],
        ],
        notes: "Milestone 2: migration, training and handover.",
      },
    ],
  },
  {
    ref: "nordlicht-erp",
    client: "nordlicht",
    date: "2025-04-14",
    valid_from: "2025-05-01",
    valid_to: "2026-04-30",
    status: "expired",
    subject: "CRM integration with the ERP system",
    days: 30,
    lines: [
      ["DEV-DAY", 30],
      ["DEV-QA", 6],
      ["DEV-PM", 60],
      ["SUP-BAS", 12],
    ],
    invoices: [
      {
        ref: "nordlicht-1",
        date: "2025-07-31",
        days: 30,
        lines: [
          ["DEV-DAY", 15],
          ["DEV-PM", 30],
          ["SUP-BAS", 12],
        ],
        period: "May 2025–Apr 2026",
        payments: [[27, 1]],
      },
      {
        ref: "nordlicht-2",
        date: "2025-12-19",
        days: 30,
        lines: [
          ["DEV-DAY", 15],
          ["DEV-QA", 6],
          ["DEV-PM", 30],
        ],
        payments: [[33, 1]],
      },
    ],
  },
  {
    ref: "marais-website",
    client: "marais",
    date: "2025-06-02",
    valid_from: "2025-06-16",
    valid_to: "2025-12-31",
    status: "expired",
    subject: "New website with online table booking",
    days: 30,
    lines: [
      ["DEV-DAY", 18],
      ["CONS-SR", 16],
      ["HOST-S", 6],
      ["HOST-SSL", 1],
    ],
    invoices: [
      {
        ref: "marais-1",
        date: "2025-12-22",
        days: 30,
        lines: { share: 1 },
        period: "Jul–Dec 2025",
        payments: [
          [30, 0.4],
          [52, 1],
        ],
      },
    ],
  },
  {
    ref: "oakridge-2025",
    client: "oakridge",
    date: "2025-08-18",
    valid_from: "2025-09-01",
    valid_to: "2026-08-31",
    status: "expired",
    subject: "IT support retainer 2025/26",
    lines: [
      ["SUP-BAS", 12],
      ["HOST-BKP", 12],
    ],
    invoices: [
      { ref: "oakridge-2025-h1", date: "2025-09-01", lines: { share: 0.5 }, period: "Sep 2025–Feb 2026", payments: [[21, 1]] },
      { ref: "oakridge-2025-h2", date: "2026-03-02", lines: { share: 0.5 }, period: "Mar–Aug 2026", payments: [[18, 1]] },
    ],
  },
  {
    ref: "oakridge-2026",
    client: "oakridge",
    date: "2026-08-20",
    valid_from: "2026-09-01",
    valid_to: "2027-08-31",
    status: "active",
    subject: "IT support retainer 2026/27",
    lines: [
      ["SUP-BAS", 12, 5],
      ["HOST-BKP", 12],
      ["HOST-SSL", 1],
    ],
    invoices: [
      {
        ref: "oakridge-2026-h1",
        date: "2026-09-01",
        lines: [
          ["SUP-BAS", 6],
          ["HOST-BKP", 6],
          ["HOST-SSL", 1],
        ],
        period: "Sep 2026–Feb 2027",
        payments: [[16, 1]],
      },
    ],
  },
  {
    ref: "fjord-data",
    client: "fjord-analytics",
    date: "2026-02-16",
    valid_from: "2026-03-01",
    valid_to: "2026-12-31",
    status: "active",
    subject: "Data platform consulting",
    days: 30,
    lines: [
      ["CONS-SR", 120],
      ["DEV-DAY", 20],
    ],
    invoices: [
      {
        ref: "fjord-1",
        date: "2026-04-30",
        days: 30,
        lines: [
          ["CONS-SR", 38],
          ["DEV-DAY", 4],
        ],
        payments: [[29, 1]],
        notes: "Work done March–April 2026.",
      },
      {
        ref: "fjord-2",
        date: "2026-07-31",
        days: 30,
        lines: [
          ["CONS-SR", 41.5],
          ["DEV-DAY", 9],
        ],
        payments: [[30, 1]],
        notes: "Work done May–July 2026.",
      },
      {
        ref: "fjord-3",
        date: "2026-10-30",
        days: 30,
        lines: [
          ["CONS-SR", 27.25],
          ["DEV-DAY", 5],
        ],
        notes: "Work done August–October 2026.",
      },
    ],
  },
  {
    ref: "alpenblick-support",
    client: "alpenblick",
    date: "2025-11-03",
    valid_from: "2025-12-01",
    valid_to: "2026-11-30",
    status: "active",
    subject: "Booking system support and CRM licences",
    days: 30,
    lines: [
      ["SUP-PRO", 12],
      ["HOST-M", 12],
      ["LIC-CRM", 180],
    ],
    invoices: [
      { ref: "alpenblick-1", date: "2025-12-01", days: 30, lines: { share: 1 }, period: "Dec 2025–Nov 2026", payments: [[24, 1]] },
    ],
  },
  {
    ref: "bluebonnet-crm",
    client: "bluebonnet",
    date: "2026-03-09",
    valid_from: "2026-04-01",
    valid_to: "2027-03-31",
    status: "active",
    subject: "Tessera CRM licences and onboarding",
    days: 30,
    lines: [
      ["LIC-CRM", 300],
      ["TRN-ONL", 8],
      ["CONS-SR", 10],
    ],
    invoices: [
      { ref: "bluebonnet-1", date: "2026-04-01", days: 30, lines: { share: 1 }, period: "Apr 2026–Mar 2027", payments: [[35, 0.5]] },
    ],
  },
  {
    ref: "liffey-pos",
    client: "liffey-coffee",
    date: "2026-05-18",
    valid_from: "2026-06-01",
    valid_to: "2026-07-31",
    status: "expired",
    subject: "Shop network and hardware refresh",
    lines: [
      ["HW-LAP", 4],
      ["HW-DOCK", 4],
      ["HW-SW24", 1],
      ["HW-CAB", 150],
      ["SUP-REP", 12],
      ["TRV-KM", 180],
    ],
    invoices: [{ ref: "liffey-pos-1", date: "2026-07-31", lines: { share: 1 }, payments: [[13, 1]] }],
  },
  {
    ref: "shannon-2026",
    client: "shannon-aero",
    date: "2025-12-15",
    valid_from: "2026-01-01",
    valid_to: "2026-12-31",
    status: "active",
    subject: "ERP support 2026",
    days: 30,
    lines: [
      ["SUP-PRO", 12],
      ["SUP-INC", 20],
    ],
    invoices: [
      { ref: "shannon-h1", date: "2026-01-05", days: 30, lines: [["SUP-PRO", 6]], period: "Jan–Jun 2026", payments: [[27, 1]] },
      {
        ref: "shannon-h2",
        date: "2026-07-01",
        days: 30,
        lines: [
          ["SUP-PRO", 6],
          ["SUP-INC", 7.5],
        ],
        period: "Jul–Dec 2026",
        payments: [[44, 0.5]],
      },
    ],
  },
  {
    ref: "van-der-berg-app",
    client: "van-der-berg",
    date: "2026-11-12",
    valid_from: "2027-01-04",
    valid_to: "2027-06-30",
    status: "draft",
    subject: "Field service app for installers",
    days: 30,
    lines: [
      ["DEV-DAY", 40],
      ["DEV-QA", 8],
      ["DEV-PM", 80],
      ["HOST-S", 6],
    ],
    invoices: [],
  },
  {
    ref: "grachtenhuis-wifi",
    client: "grachtenhuis",
    date: "2025-08-11",
    valid_from: "2025-09-01",
    valid_to: "2026-08-31",
    status: "terminated",
    subject: "Guest Wi-Fi and network support",
    days: 30,
    lines: [
      ["HW-SW24", 3],
      ["SUP-BAS", 12],
    ],
    invoices: [
      {
        ref: "grachtenhuis-1",
        date: "2025-09-01",
        days: 30,
        lines: [
          ["HW-SW24", 3],
          ["SUP-BAS", 6],
        ],
        period: "Sep 2025–Feb 2026",
        payments: [[20, 1]],
      },
      {
        ref: "grachtenhuis-2",
        date: "2026-03-02",
        days: 30,
        status: "cancelled",
        lines: [["SUP-BAS", 6]],
        period: "Mar–Aug 2026",
        notes: "Cancelled: the contract was terminated on 15 March 2026.",
      },
    ],
  },
  {
    ref: "connacht-training",
    client: "connacht-dairy",
    date: "2026-09-07",
    valid_from: "2026-09-14",
    valid_to: "2026-12-18",
    status: "active",
    subject: "Staff training programme, autumn 2026",
    days: 30,
    lines: [
      ["TRN-DAY", 4],
      ["TRN-MAN", 30],
      ["TRV-KM", 1200],
      ["TRV-DAY", 4],
    ],
    invoices: [
      {
        ref: "connacht-1",
        date: "2026-10-30",
        days: 30,
        lines: [
          ["TRN-DAY", 2],
          ["TRN-MAN", 30],
          ["TRV-KM", 600],
          ["TRV-DAY", 2],
        ],
      },
      {
        ref: "connacht-2",
        date: "2026-11-19",
        days: 30,
        status: "draft",
        lines: [
          ["TRN-DAY", 1],
          ["TRV-KM", 300],
          ["TRV-DAY", 1],
        ],
      },
    ],
  },
];

/** Invoices issued directly to a client, without a contract. */
const DIRECT_INVOICES: (InvoicePlan & { client: string; lines: LinePlan[] })[] = [
  { ref: "liffey-advice", client: "liffey-coffee", date: "2025-02-20", lines: [["CONS-SR", 6]], payments: [[9, 1]] },
  {
    ref: "byrne-laptop",
    client: "aoife-byrne",
    date: "2025-03-14",
    lines: [
      ["HW-LAP", 1],
      ["HW-MON", 1],
      ["CONS-JR", 2],
    ],
    payments: [[0, 1, "card"]],
  },
  { ref: "tallinn-training", client: "tallinn-data", date: "2025-06-30", lines: [["TRN-ONL", 6]], payments: [[12, 1]] },
  {
    ref: "kowalski-licences",
    client: "kowalski",
    date: "2025-09-15",
    lines: [
      ["LIC-OFF", 40, 10],
      ["LIC-SEC", 40, 10],
    ],
    payments: [[16, 1]],
  },
  {
    ref: "wiener-workshop",
    client: "wiener-kaffeehaus",
    date: "2025-10-20",
    lines: [
      ["CONS-WS", 1],
      ["TRV-DAY", 1],
    ],
    payments: [[11, 1]],
  },
  {
    ref: "hoffmann-site",
    client: "katrin-hoffmann",
    date: "2025-11-28",
    lines: [
      ["DEV-HR", 12],
      ["HOST-S", 12],
    ],
    period: "Dec 2025–Nov 2026",
    payments: [[6, 1]],
  },
  {
    ref: "lisboa-shop",
    client: "lisboa-azulejos",
    date: "2026-01-23",
    days: 30,
    lines: [
      ["DEV-DAY", 5],
      ["HOST-SSL", 1],
    ],
    payments: [
      [20, 0.5],
      [48, 1],
    ],
  },
  {
    ref: "thames-laptops",
    client: "thames-vets",
    date: "2026-02-27",
    lines: [
      ["HW-LAP", 6],
      ["HW-DOCK", 6],
      ["SUP-REP", 8],
    ],
    payments: [[14, 1]],
  },
  { ref: "svensk-advice", client: "svensk-tratek", date: "2026-03-16", lines: [["CONS-SR", 8]], payments: [[21, 1]] },
  { ref: "ruiz-consulting", client: "ruiz", date: "2026-04-17", days: 30, lines: [["CONS-JR", 10]] },
  {
    ref: "olivetto-training",
    client: "olivetto",
    date: "2026-06-12",
    lines: [
      ["TRN-ONL", 4],
      ["TRN-MAN", 10],
    ],
    payments: [[10, 1]],
  },
  {
    ref: "praha-dev",
    client: "praha-print",
    date: "2026-08-21",
    days: 30,
    lines: [
      ["DEV-HR", 16],
      ["SUP-INC", 3],
    ],
    payments: [[25, 0.3]],
  },
  {
    ref: "obriain-repair",
    client: "sean-o-briain",
    date: "2026-09-25",
    lines: [
      ["SUP-REP", 3],
      ["TRV-KM", 60],
    ],
  },
  {
    ref: "cph-hosting",
    client: "copenhagen-cycle",
    date: "2026-11-06",
    days: 30,
    lines: [
      ["HOST-M", 12],
      ["HOST-BKP", 12],
    ],
    period: "Dec 2026–Nov 2027",
  },
  { ref: "bianchi-training", client: "marco-bianchi", date: "2026-11-18", status: "draft", lines: [["TRN-ONL", 2]] },
  {
    ref: "lumiere-portal",
    client: "atelier-lumiere",
    date: "2026-11-20",
    days: 30,
    status: "draft",
    lines: [
      ["CONS-WS", 1],
      ["DEV-DAY", 10],
    ],
  },
];

/** Fixed demo exchange rates from the catalog's EUR prices. */
const EUR_TO: Record<ReturnType<typeof currencyOf>, number> = { EUR: 1, GBP: 0.85, USD: 1.09, CHF: 0.94, NOK: 11.7 };

const NON_EU_NOTE = "Services supplied outside Ireland: outside the scope of Irish VAT.";

/** Irish VAT for domestic clients and EU consumers; 0 % when the client accounts for it (reverse charge) or outside the EU. */
function taxRateFor(client: DemoClient, standardRate: number): number {
  if (client.country === "IE") return standardRate;
  if (EU_COUNTRIES.has(client.country) && !client.tax_id) return standardRate;
  return 0;
}

function vatNoteFor(client: DemoClient): string | undefined {
  if (client.country === "IE") return undefined;
  if (!EU_COUNTRIES.has(client.country)) return NON_EU_NOTE;
  if (!client.tax_id) return undefined;
  return `Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC). Customer VAT ID ${client.tax_id}.`;
}

function priceIn(currency: ReturnType<typeof currencyOf>, eur: number): number {
  return Math.round(eur * EUR_TO[currency] * 100) / 100;
}

const RECURRING_UNITS = new Set(["month", "year", "licence"]);

function catalogLine(client: DemoClient, [sku, quantity, discount]: LinePlan, position: number, seed: number): ContractLineSeed {
  const product = demoProduct(sku);
  return makeContractItem(
    {
      position,
      product: recordRef("products", productRef(sku)),
      description: product.name,
      quantity,
      unit: product.unit,
      price: priceIn(currencyOf(client), product.price),
      discount,
      tax_rate: taxRateFor(client, product.tax_rate),
    },
    seed,
  );
}

function withPeriod(line: ContractLineSeed, period: string | undefined): string | undefined {
  const unit = typeof line.unit === "string" ? line.unit : "";
  return period && RECURRING_UNITS.has(unit) ? `${String(line.description)}, ${period}` : (line.description as string | undefined);
}

function paymentTerms(days: number): string {
  return `Payment within ${days} days of the invoice date by bank transfer, quoting the invoice number.`;
}

interface BuiltInvoice {
  record: SeedRecord;
  client: DemoClient;
  plan: InvoicePlan;
  total: number;
}

function buildInvoice(plan: InvoicePlan, client: DemoClient, lines: InvoiceLineSeed[], seed: number, contractRef?: string): BuiltInvoice {
  const days = plan.days ?? 14;
  const notes = [plan.notes, vatNoteFor(client)].filter(Boolean).join("\n");
  const values = makeInvoice(
    {
      client: recordRef("clients", client.ref),
      contract: contractRef ? recordRef("contracts", contractRef) : undefined,
      date: plan.date,
      due_date: addDays(plan.date, days),
      currency: currencyOf(client),
      status: plan.status ?? "issued",
      payment_terms: paymentTerms(days),
      notes: notes || undefined,
      items: lines,
    },
    seed,
  );
  const figures = lines.map((l) => ({
    quantity: Number(l.quantity),
    price: Number(l.price),
    discount: l.discount as number | undefined,
    tax_rate: l.tax_rate as number | undefined,
  }));
  return { record: { table: "invoices", ref: plan.ref, values }, client, plan, total: documentTotal(figures) };
}

function contractInvoiceLines(contract: ContractPlan, contractLines: ContractLineSeed[], plan: InvoicePlan): InvoiceLineSeed[] {
  const planned: [ContractLineSeed, number][] = Array.isArray(plan.lines)
    ? plan.lines.map(([sku, quantity]) => {
        const index = contract.lines.findIndex(([contractSku]) => contractSku === sku);
        if (index < 0) throw new Error(`invoice ${plan.ref} bills ${sku}, which contract ${contract.ref} does not have`);
        return [contractLines[index], quantity];
      })
    : contractLines.map((line) => [line, Number(line.quantity) * (plan.lines as { share: number }).share]);
  // Copied from the contract, as the app's "copy lines from contract" does: same price, discount and tax.
  return planned.map(([line, quantity], i) =>
    makeInvoiceItem({ ...line, position: i + 1, quantity, description: withPeriod(line, plan.period) }, i + 1),
  );
}

export interface DemoSales {
  contracts: SeedRecord[];
  invoices: SeedRecord[];
  payments: SeedRecord[];
}

export function demoSales(): DemoSales {
  const contracts: SeedRecord[] = [];
  const invoices: BuiltInvoice[] = [];
  CONTRACTS.forEach((plan, c) => {
    const client = demoClient(plan.client);
    const lines = plan.lines.map((line, i) => catalogLine(client, line, i + 1, c * 100 + i));
    const days = plan.days ?? 14;
    const values = makeContract(
      {
        client: recordRef("clients", client.ref),
        date: plan.date,
        valid_from: plan.valid_from,
        valid_to: plan.valid_to,
        status: plan.status,
        currency: currencyOf(client),
        subject: plan.subject,
        terms:
          `Services are provided from ${plan.valid_from} to ${plan.valid_to} at the prices below, net of VAT. ` +
          `Invoices are payable within ${days} days. Either party may end this contract with 30 days' written notice.`,
        manager: recordRef("crm_users", client.manager),
        items: lines,
      },
      c + 1,
    );
    contracts.push({ table: "contracts", ref: plan.ref, values });
    plan.invoices.forEach((invoice, i) => {
      invoices.push(buildInvoice(invoice, client, contractInvoiceLines(plan, lines, invoice), 1000 + c * 10 + i, plan.ref));
    });
  });
  DIRECT_INVOICES.forEach((plan, d) => {
    const client = demoClient(plan.client);
    const lines = plan.lines.map((line, i) => {
      const catalog = catalogLine(client, line, i + 1, 2000 + d * 10 + i);
      return makeInvoiceItem({ ...catalog, description: withPeriod(catalog, plan.period) }, i + 1);
    });
    invoices.push(buildInvoice(plan, client, lines, 3000 + d, undefined));
  });
  // Created in date order so that numbers assigned on issue run with the dates.
  invoices.sort((a, b) => a.plan.date.localeCompare(b.plan.date));
  return { contracts, invoices: invoices.map((i) => i.record), payments: paymentsFor(invoices) };
}

function paymentsFor(invoices: BuiltInvoice[]): SeedRecord[] {
  const payments: SeedRecord[] = [];
  const prng = createPrng(2026);
  for (const { plan, client, total } of invoices) {
    let remaining = total;
    (plan.payments ?? []).forEach(([daysAfter, share, method, receivedCurrency], n) => {
      const date = addDays(plan.date, daysAfter);
      const due = share >= 1 ? remaining : shareOf(total, share);
      const received = receivedCurrency ? receivedIn(receivedCurrency, currencyOf(client), due, date) : null;
      const amount = received ? received.converted : due;
      remaining = minus(remaining, amount);
      const via = method ?? (client.kind === "individual" ? "card" : "bank_transfer");
      payments.push({
        table: "payments",
        ref: `${plan.ref}-${n + 1}`,
        values: makePayment(
          {
            invoice: recordRef("invoices", plan.ref),
            date,
            amount,
            currency: currencyOf(client),
            ...(received ? { received_amount: received.received, received_currency: receivedCurrency } : {}),
            method: via,
            reference: via === "card" ? `Card ending ${prng.int(1000, 9999)}` : `${client.name}, transfer ${prng.int(100000, 999999)}`,
          },
          payments.length + 1,
        ),
      });
    });
  }
  return payments.sort((a, b) => String(a.values.date).localeCompare(String(b.values.date)));
}
