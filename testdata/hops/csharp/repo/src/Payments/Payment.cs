namespace Shop.Payments
{
    /// <summary>A card payment and what was captured and refunded of it.</summary>
    public class Payment
    {
        public string Token { get; set; } = "";
        public string ProcessorRef { get; set; } = "";
        public long Captured { get; set; }
        public long Refunded { get; set; }
    }
}
