using Shop.Shipping;

namespace Shop.Orders
{
    /// <summary>Ships an order.</summary>
    public class Checkout
    {
        public decimal Ship(decimal weight) => Tax.Compute(weight);
    }
}
