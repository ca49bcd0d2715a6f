using System.Linq;
using Shop.Models;
using static Shop.Billing.Pricing;
using Duty = Shop.Shipping.TaxTable;

namespace Shop.Billing
{
    /// <summary>Turns a cart into an invoice.</summary>
    public sealed class Checkout
    {
        private readonly Duty _duty = new Duty(Shipping.Zone.Domestic);

        public event TotalChanged Changed;

        /// <summary>Prices every line and books the invoice.</summary>
        public decimal Close(Invoice invoice)
        {
            decimal Discounted(decimal amount) => ApplyDiscount(amount, DefaultRate);

            var total = Discounted(invoice.Total()).ToCents();
            total += _duty.Compute(total);
            Changed?.Invoke(total);
            return total;
        }

        /// <summary>The totals of several invoices, largest first.</summary>
        public IEnumerable<decimal> Totals(IEnumerable<Invoice> invoices) =>
            invoices.Select(i => Close(i)).OrderByDescending(t => t);
    }
}
