/**
 * The demo data of the default configuration, in the order the loader creates it: every
 * `{ $ref }` points at a record listed earlier (users come first, from `demoUsers()`).
 * Formula and autonumber values are absent on purpose: the server computes them.
 */
import { makeClient, makeProduct, makeProductCategory } from "./factories";
import { recordRef, type SeedRecord } from "./seed-record";
import type { UserSeed } from "./factories";
import { USERS_TABLE } from "@runtime/schema/types";
import { DEMO_CATEGORIES, DEMO_PRODUCTS, productRef } from "./demo/catalog";
import { demoCampaigns } from "./demo/campaigns";
import { DEMO_CLIENTS } from "./demo/clients";
import { DEMO_COMPANY } from "./demo/company";
import { demoContacts } from "./demo/contacts";
import { demoCases } from "./demo/cases";
import { demoEvents } from "./demo/events";
import { demoDeals } from "./demo/deals";
import { demoLeads } from "./demo/leads";
import { DEMO_STOCK, demoPurchaseOrders, demoSuppliers } from "./demo/purchasing";
import { demoSales } from "./demo/sales";
import { demoNotes } from "./demo/notes";
import { demoTasks } from "./demo/tasks";
import { DEMO_USERS, type DemoUserRef } from "./demo/users";

export { DEMO_TODAY } from "./demo/sales";

/** The users demo records point at as `crm_users/<ref>`: one admin, one staff member, one accountant. */
export function demoUsers(): { table: typeof USERS_TABLE; ref: DemoUserRef; values: UserSeed }[] {
  return (Object.keys(DEMO_USERS) as DemoUserRef[]).map((ref) => ({
    table: USERS_TABLE,
    ref,
    values: { ...DEMO_USERS[ref] },
  }));
}

function demoCatalog(): SeedRecord[] {
  const categories: SeedRecord[] = DEMO_CATEGORIES.map((c, i) => ({
    table: "product_categories",
    ref: c.ref,
    values: makeProductCategory({ name: c.name, description: c.description }, i + 1),
  }));
  const products: SeedRecord[] = DEMO_PRODUCTS.map((p, i) => {
    const stocked = DEMO_STOCK[p.sku];
    const values = makeProduct(
      {
        category: recordRef("product_categories", p.category),
        kind: p.kind,
        sku: p.sku,
        name: p.name,
        description: p.description,
        unit: p.unit,
        price: p.price,
        tax_rate: p.tax_rate,
        active: p.active ?? true,
      },
      i + 1,
    );
    return {
      table: "products",
      ref: productRef(p.sku),
      values: stocked ? { ...values, ...stocked, supplier: recordRef("suppliers", stocked.supplier) } : values,
    };
  });
  return [...categories, ...products];
}

function demoClients(): SeedRecord[] {
  return DEMO_CLIENTS.map((c, i) => {
    const company = c.kind === "company";
    return {
      table: "clients",
      ref: c.ref,
      values: makeClient(
        {
          kind: c.kind,
          name: c.name,
          legal_name: c.legal_name ?? (company ? c.name : undefined),
          tax_id: c.tax_id,
          registration_number: c.registration_number,
          email: c.email ?? (c.domain ? `info@${c.domain}` : undefined),
          phone: c.phone,
          website: c.domain ? `https://www.${c.domain}` : undefined,
          address_line1: c.address_line1,
          address_line2: c.address_line2,
          city: c.city,
          postcode: c.postcode,
          country: c.country,
          manager: recordRef("crm_users", c.manager),
          status: c.status,
          notes: c.notes,
          language: c.language,
        },
        i + 1,
      ),
    };
  });
}

/** Every demo record except users, in creation order. */
export function demoRecords(): SeedRecord[] {
  const sales = demoSales();
  return [
    { table: "company", ref: "main", values: { ...DEMO_COMPANY } },
    ...demoSuppliers(),
    ...demoCatalog(),
    ...demoPurchaseOrders(),
    ...demoClients(),
    ...demoContacts(),
    ...sales.contracts,
    ...sales.invoices,
    ...sales.payments,
    ...demoEvents(),
    ...demoTasks(),
    ...demoCampaigns(),
    ...demoLeads(),
    ...demoDeals(),
    ...demoCases(),
    ...demoNotes(),
  ];
}
