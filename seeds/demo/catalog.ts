/**
 * The demo firm's catalog: an Irish IT services firm. Prices are net, in EUR; tax rates are
 * Irish VAT (23 % standard, 13.5 % for repairs, 0 % for printed books).
 */
import type { ProductInput } from "../generated/workspace-types";

export interface DemoCategory {
  ref: string;
  name: string;
  description: string;
}

export const DEMO_CATEGORIES: DemoCategory[] = [
  { ref: "consulting", name: "Consulting", description: "Advice, workshops and audits, billed by the hour or day." },
  { ref: "development", name: "Software development", description: "Custom development, project management and testing." },
  { ref: "support", name: "Support and maintenance", description: "Monthly support plans and work outside them." },
  { ref: "hosting", name: "Hosting and cloud", description: "Managed hosting, backups and certificates." },
  { ref: "training", name: "Training", description: "On-site and online training, course materials." },
  { ref: "licences", name: "Software licences", description: "Resold and own software licences." },
  { ref: "hardware", name: "Hardware", description: "Computers, peripherals and network equipment." },
  { ref: "travel", name: "Travel and expenses", description: "Mileage and per diems for on-site work." },
];

export interface DemoProduct {
  sku: string;
  category: string;
  kind: ProductInput["kind"];
  name: string;
  unit: NonNullable<ProductInput["unit"]>;
  price: number;
  tax_rate: number;
  description?: string;
  active?: boolean;
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  { sku: "CONS-SR", category: "consulting", kind: "service", name: "Senior consultant", unit: "h", price: 140, tax_rate: 23 },
  { sku: "CONS-JR", category: "consulting", kind: "service", name: "Consultant", unit: "h", price: 95, tax_rate: 23 },
  {
    sku: "CONS-WS",
    category: "consulting",
    kind: "service",
    name: "Discovery workshop",
    unit: "day",
    price: 1200,
    tax_rate: 23,
    description: "A day on site with your team to map processes and requirements; includes a written summary.",
  },
  { sku: "DEV-DAY", category: "development", kind: "service", name: "Development day", unit: "day", price: 760, tax_rate: 23 },
  { sku: "DEV-HR", category: "development", kind: "service", name: "Development hour", unit: "h", price: 105, tax_rate: 23 },
  { sku: "DEV-PM", category: "development", kind: "service", name: "Project management", unit: "h", price: 115, tax_rate: 23 },
  { sku: "DEV-QA", category: "development", kind: "service", name: "Testing and QA day", unit: "day", price: 620, tax_rate: 23 },
  {
    sku: "SUP-BAS",
    category: "support",
    kind: "service",
    name: "Basic support plan",
    unit: "month",
    price: 450,
    tax_rate: 23,
    description: "Business hours, response within one working day, up to 4 hours of work a month.",
  },
  {
    sku: "SUP-PRO",
    category: "support",
    kind: "service",
    name: "Professional support plan",
    unit: "month",
    price: 1150,
    tax_rate: 23,
    description: "Extended hours, response within 4 hours, up to 12 hours of work a month.",
  },
  { sku: "SUP-INC", category: "support", kind: "service", name: "Incident work outside plan", unit: "h", price: 130, tax_rate: 23 },
  { sku: "SUP-REP", category: "support", kind: "service", name: "On-site hardware repair", unit: "h", price: 85, tax_rate: 13.5 },
  { sku: "HOST-S", category: "hosting", kind: "service", name: "Managed hosting S", unit: "month", price: 89, tax_rate: 23 },
  { sku: "HOST-M", category: "hosting", kind: "service", name: "Managed hosting M", unit: "month", price: 249, tax_rate: 23 },
  {
    sku: "HOST-L",
    category: "hosting",
    kind: "service",
    name: "Managed hosting L (legacy)",
    unit: "month",
    price: 590,
    tax_rate: 23,
    active: false,
    description: "No longer sold; replaced by Managed hosting M.",
  },
  { sku: "HOST-BKP", category: "hosting", kind: "service", name: "Off-site backup 100 GB", unit: "month", price: 35, tax_rate: 23 },
  { sku: "HOST-SSL", category: "hosting", kind: "service", name: "SSL certificate, one year", unit: "year", price: 79, tax_rate: 23 },
  { sku: "TRN-DAY", category: "training", kind: "service", name: "Training day, up to 8 people", unit: "day", price: 1450, tax_rate: 23 },
  { sku: "TRN-ONL", category: "training", kind: "service", name: "Online training session", unit: "h", price: 180, tax_rate: 23 },
  { sku: "TRN-MAN", category: "training", kind: "product", name: "Printed user manual", unit: "pcs", price: 45, tax_rate: 0 },
  {
    sku: "LIC-CRM",
    category: "licences",
    kind: "service",
    name: "Tessera CRM user licence",
    unit: "licence",
    price: 24,
    tax_rate: 23,
    description: "One named user for one month.",
  },
  { sku: "LIC-OFF", category: "licences", kind: "service", name: "Office suite licence, one year", unit: "year", price: 150, tax_rate: 23 },
  {
    sku: "LIC-SEC",
    category: "licences",
    kind: "service",
    name: "Endpoint security licence, one year",
    unit: "year",
    price: 39,
    tax_rate: 23,
  },
  { sku: "HW-LAP", category: "hardware", kind: "product", name: 'Business laptop 14"', unit: "pcs", price: 1290, tax_rate: 23 },
  { sku: "HW-DOCK", category: "hardware", kind: "product", name: "USB-C docking station", unit: "pcs", price: 219, tax_rate: 23 },
  { sku: "HW-MON", category: "hardware", kind: "product", name: '27" monitor', unit: "pcs", price: 329, tax_rate: 23 },
  { sku: "HW-SW24", category: "hardware", kind: "product", name: "24-port network switch", unit: "pcs", price: 389, tax_rate: 23 },
  { sku: "HW-CAB", category: "hardware", kind: "product", name: "Cat6 network cable", unit: "m", price: 1.2, tax_rate: 23 },
  { sku: "TRV-KM", category: "travel", kind: "service", name: "Travel", unit: "km", price: 0.45, tax_rate: 23 },
  { sku: "TRV-DAY", category: "travel", kind: "service", name: "Per diem, on-site day", unit: "day", price: 65, tax_rate: 23 },
];

export function productRef(sku: string): string {
  return sku.toLowerCase();
}

export function demoProduct(sku: string): DemoProduct {
  const product = DEMO_PRODUCTS.find((p) => p.sku === sku);
  if (!product) throw new Error(`demo data refers to an unknown product "${sku}"`);
  return product;
}
