// Invoices and their line items; finalizing freezes the totals.
import { roundMoney } from "./money.js";

/** A line item: { description, quantity, unitPrice, taxRate }. */
export function lineItem(description, quantity, unitPrice, taxRate) {
  return { description, quantity, unitPrice, taxRate };
}

export function newInvoice(number, customerId, dueDay) {
  return { number, customerId, dueDay, items: [], subtotal: 0, tax: 0, total: 0, finalized: false, penalties: [] };
}

/** Freezes the invoice: every line item is priced, taxed and summed into the grand total. */
export function finalizeInvoice(invoice) {
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
