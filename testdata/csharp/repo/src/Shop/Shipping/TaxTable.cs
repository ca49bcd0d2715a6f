namespace Shop.Shipping
{
    /// <summary>Where a parcel goes.</summary>
    public enum Zone
    {
        Domestic,
        Abroad,
    }

    /// <summary>Customs duty by zone.</summary>
    public class TaxTable
    {
        private readonly Zone _zone;

        public TaxTable(Zone zone)
        {
            _zone = zone;
        }

        /// <summary>The duty owed on an amount.</summary>
        public decimal Compute(decimal amount)
        {
            return _zone == Zone.Abroad ? amount * 0.2m : 0m;
        }
    }
}
