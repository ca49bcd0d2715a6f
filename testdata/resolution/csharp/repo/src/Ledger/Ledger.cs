namespace Shop.Billing
{
    /// <summary>The general ledger.</summary>
    public class Ledger
    {
        private decimal _balance;

        public decimal Compute(decimal amount) => _balance + amount;

        public void Record(decimal amount)
        {
            _balance = Compute(amount);
        }

        public void Post(decimal amount)
        {
            _balance += Tax.Compute(amount);
        }
    }
}
