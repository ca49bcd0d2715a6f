using System.Collections.Generic;

namespace Shop.Billing
{
    /// <summary>An invoice owed by a customer.</summary>
    public class Invoice
    {
        public string CustomerId { get; set; } = "";
        public decimal Total { get; set; }
        public int DueDay { get; set; }
        public List<decimal> Penalties { get; } = new List<decimal>();
    }
}
