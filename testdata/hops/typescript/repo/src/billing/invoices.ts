// Invoices and their line items; finalizing freezes the totals.
import { roundMoney } from "./money";

export interface LineItem {
  description: string;
  quantity: number;
  unitPrice: number;
  taxRate: number;
}

export interface Invoice {
  number: string;
  customerId: string;
  dueDay: number;
  items: LineItem[];
  subtotal: number;
  tax: number;
  total: number;
  finalized: boolean;
  penalties: number[];
}

/** Freezes the invoice: every line item is priced, taxed and summed into the grand total. */
export function finalizeInvoice(invoice: Invoice): Invoice {
  if (invoice.finalized) {
    return invoice;
  }
  let subtotal = 0;
  let tax = 0;
  for (const item of invoice.items) {
    const line = item.quantity * item.unitPrice;
    subtotal = roundMoney(subtotal + line);
    tax = roundMoney(tax + line * item.taxRate);
  }
  invoice.subtotal = subtotal;
  invoice.tax = tax;
  invoice.total = subtotal + tax;
  invoice.finalized = true;
  return invoice;
}
