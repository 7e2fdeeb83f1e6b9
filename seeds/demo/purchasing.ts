/**
 * The demo firm buys its hardware and printed manuals from three suppliers. Stock levels are as on
 * the demo's today: the monitors are already below their reorder level, so the distributor's
 * draft order holds a line for them (as the reorder rule would have made it); an earlier order
 * was received.
 */
import type { PurchaseOrderInput, SupplierInput } from "../generated/workspace-types";
import { recordRef, type SeedRecord, type SeedValues } from "../seed-record";
import { productRef } from "./catalog";

export const DEMO_SUPPLIERS: (SupplierInput & { ref: string })[] = [
  {
    ref: "emerald-distribution",
    name: "Emerald IT Distribution",
    contact_person: "Declan Fahy",
    email: "orders@emerald-it.example",
    phone: "+353 1 555 0142",
    city: "Dublin",
    lead_time_days: 3,
  },
  {
    ref: "westnet-parts",
    name: "Westnet Network Parts",
    contact_person: "Gráinne Moran",
    email: "sales@westnet-parts.example",
    phone: "+353 91 555 0177",
    city: "Galway",
    lead_time_days: 5,
  },
  {
    ref: "liffey-print",
    name: "Liffey Print Works",
    email: "jobs@liffey-print.example",
    phone: "+353 1 555 0190",
    city: "Dublin",
    lead_time_days: 10,
  },
];

/** Stock kept, reorder level, supplier and purchase price of the stocked products, by SKU. */
export const DEMO_STOCK: Record<string, { stock: number; reorder_level: number; supplier: string; cost: number }> = {
  "HW-LAP": { stock: 6, reorder_level: 3, supplier: "emerald-distribution", cost: 1040 },
  "HW-DOCK": { stock: 14, reorder_level: 5, supplier: "emerald-distribution", cost: 165 },
  "HW-MON": { stock: 3, reorder_level: 5, supplier: "emerald-distribution", cost: 248 },
  "HW-SW24": { stock: 4, reorder_level: 2, supplier: "westnet-parts", cost: 290 },
  "HW-CAB": { stock: 460, reorder_level: 200, supplier: "westnet-parts", cost: 0.55 },
  "TRN-MAN": { stock: 35, reorder_level: 20, supplier: "liffey-print", cost: 11.5 },
};

export function demoSuppliers(): SeedRecord[] {
  return DEMO_SUPPLIERS.map(({ ref, ...values }) => ({ table: "suppliers", ref, values }));
}

type Line = [sku: string, quantity: number];

const ORDERS: { ref: string; supplier: string; date: string; status: NonNullable<PurchaseOrderInput["status"]>; lines: Line[] }[] = [
  {
    ref: "october-restock",
    supplier: "emerald-distribution",
    date: "2026-10-12",
    status: "received",
    lines: [
      ["HW-LAP", 5],
      ["HW-DOCK", 10],
    ],
  },
  { ref: "monitor-reorder", supplier: "emerald-distribution", date: "2026-11-18", status: "draft", lines: [["HW-MON", 7]] },
];

export function demoPurchaseOrders(): SeedRecord[] {
  return ORDERS.map((o) => {
    const values: SeedValues<PurchaseOrderInput> & { lines: Record<string, unknown>[] } = {
      supplier: recordRef("suppliers", o.supplier),
      date: o.date,
      status: o.status,
      lines: o.lines.map(([sku, quantity]) => ({
        product: recordRef("products", productRef(sku)),
        quantity,
        price: DEMO_STOCK[sku].cost,
      })),
    };
    return { table: "purchase_orders", ref: o.ref, values };
  });
}
