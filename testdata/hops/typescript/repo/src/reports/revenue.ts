// Monthly revenue: the totals of finalized invoices.
import { Invoice } from "../billing/invoices";

/** Adds up the invoice totals of the month; off by a penny means an invoice total is wrong. */
export function monthlyRevenue(invoices: Invoice[], firstDay: number, lastDay: number): number {
  return invoices
    .filter((i) => i.finalized && i.dueDay >= firstDay && i.dueDay <= lastDay)
    .reduce((sum, i) => sum + i.total, 0);
}

export function revenueByItem(invoices: Invoice[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const item of invoices.flatMap((i) => i.items)) {
    totals.set(item.description, (totals.get(item.description) ?? 0) + item.quantity * item.unitPrice);
  }
  return totals;
}
