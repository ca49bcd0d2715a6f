using System;

namespace Shop.Payments
{
    /// <summary>Disputes: a customer contests a charge and the captured amount is held.</summary>
    public static class Disputes
    {
        public record Dispute(long Held, string Reason);

        /// <summary>Holds part of the captured amount while the customer's claim that they paid too much is examined.</summary>
        public static Dispute OpenDispute(Payment payment, long amount, string reason)
        {
            if (amount > payment.Captured)
            {
                throw new ArgumentException("dispute exceeds captured amount");
            }
            return new Dispute(amount, reason);
        }
    }
}
