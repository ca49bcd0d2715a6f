namespace Shop.Payments
{
    /// <summary>The interface every payment gateway implements.</summary>
    public interface IPaymentGateway
    {
        /// <summary>
        /// Takes the money. Calling it again with the same idempotency key must not
        /// take the money twice: it returns the first result instead.
        /// </summary>
        string Capture(Payment payment, long amount, string idempotencyKey);

        /// <summary>Gives money back for a captured payment.</summary>
        string Reverse(Payment payment, long amount);
    }
}
