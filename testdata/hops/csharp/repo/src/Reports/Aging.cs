using System.Collections.Generic;
using System.Linq;
using Shop.Billing;

namespace Shop.Reports
{
    /// <summary>Accounts-receivable aging: overdue invoices bucketed by days late.</summary>
    public static class Aging
    {
        private static readonly int[][] Buckets = { new[] { 1, 30 }, new[] { 31, 60 }, new[] { 61, 90 }, new[] { 91, 10000 } };

        /// <summary>Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance.</summary>
        public static decimal[] AgingReport(IEnumerable<Invoice> invoices, int today)
        {
            var report = new decimal[Buckets.Length];
            foreach (var invoice in invoices)
            {
                int daysLate = today - invoice.DueDay;
                for (int slot = 0; slot < Buckets.Length; slot++)
                {
                    if (Buckets[slot][0] <= daysLate && daysLate <= Buckets[slot][1])
                    {
                        report[slot] += invoice.Total + invoice.Penalties.Sum();
                    }
                }
            }
            return report;
        }
    }
}
