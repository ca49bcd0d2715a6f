// Monthly revenue: the totals of finalized invoices.

/** Adds up the invoice totals of the month; off by a penny means an invoice total is wrong. */
export function monthlyRevenue(invoices, firstDay, lastDay) {
  return invoices
    .filter((i) => i.finalized && i.dueDay >= firstDay && i.dueDay <= lastDay)
    .reduce((sum, i) => sum + i.total, 0);
}

export function revenueByItem(invoices) {
  const totals = new Map();
  for (const item of invoices.flatMap((i) => i.items)) {
    totals.set(item.description, (totals.get(item.description) ?? 0) + item.quantity * item.unitPrice);
  }
  return totals;
}
