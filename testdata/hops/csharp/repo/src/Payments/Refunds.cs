using System;

namespace Shop.Payments
{
    /// <summary>Refunds: money given back through the gateway, never more than was captured.</summary>
    public static class Refunds
    {
        public class RefundException : Exception
        {
            public RefundException(string message) : base(message)
            {
            }
        }

        /// <summary>Refunds <paramref name="amount"/>, in whole currency units (not cents).</summary>
        public static long IssueRefund(IPaymentGateway gateway, Payment payment, long amount)
        {
            if (amount > payment.Captured - payment.Refunded)
            {
                throw new RefundException("refund exceeds captured amount");
            }
            gateway.Reverse(payment, amount);
            payment.Refunded += amount;
            return payment.Refunded;
        }
    }
}
