import type { PrintTemplate } from "@runtime/print/template";
import { CONTRACT_TEMPLATE } from "./contract";
import { INVOICE_TEMPLATE } from "./invoice";
import { RECEIPT_TEMPLATE } from "./receipt";

/** The print templates a new workspace starts with (part of DEFAULT_CONFIGURATION). */
export const DEFAULT_PRINT_TEMPLATES: readonly PrintTemplate[] = [INVOICE_TEMPLATE, CONTRACT_TEMPLATE, RECEIPT_TEMPLATE];
