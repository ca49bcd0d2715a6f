// Accounts-receivable aging: overdue invoices bucketed by days late.

const BUCKETS = [[1, 30], [31, 60], [61, 90], [91, 10_000]];

/** Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance. */
export function agingReport(invoices, today) {
  const report = BUCKETS.map(() => 0);
  for (const invoice of invoices) {
    const daysLate = today - invoice.dueDay;
    BUCKETS.forEach(([low, high], slot) => {
      if (low <= daysLate && daysLate <= high) {
        report[slot] += invoice.total + invoice.penalties.reduce((a, b) => a + b, 0);
      }
    });
  }
  return report;
}
