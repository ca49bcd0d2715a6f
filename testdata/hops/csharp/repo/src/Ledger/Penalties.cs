using System;
using Shop.Billing;

namespace Shop.Ledger
{
    /// <summary>Penalties booked against invoices.</summary>
    public static class Penalties
    {
        private const decimal DailyRate = 0.0005m;

        public static decimal AccruePenalty(Invoice invoice, int days)
        {
            decimal amount = Math.Round(invoice.Total * DailyRate * days, 2);
            invoice.Penalties.Add(amount);
            return amount;
        }

        public static void WaivePenalties(Invoice invoice)
        {
            invoice.Penalties.Clear();
        }
    }
}
