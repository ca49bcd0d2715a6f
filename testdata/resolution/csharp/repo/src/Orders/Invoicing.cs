using Shop.Billing;

namespace Shop.Orders
{
    /// <summary>Bills an order.</summary>
    public class Invoicing
    {
        public decimal Vat(decimal amount) => Tax.Compute(amount);
    }
}
