using Duty = Shop.Shipping.Tax;

namespace Shop.Customs
{
    /// <summary>Customs declarations.</summary>
    public class Declarations
    {
        public decimal Declare(decimal weight) => Duty.Compute(weight);

        public decimal Audit(decimal amount) => Shop.Billing.Tax.Compute(amount);
    }
}
