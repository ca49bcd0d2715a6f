using System.Collections.Generic;

namespace Shop.Payments
{
    /// <summary>Events the card processor posts back to us.</summary>
    public static class Webhooks
    {
        public record ChargeEvent(string IdempotencyKey, string ProcessorRef);

        /// <summary>
        /// The processor may deliver the same charge event twice when it is retrying;
        /// events are deduplicated by idempotency key so the money is not counted twice.
        /// </summary>
        public static bool HandleChargeEvent(ISet<string> seen, ChargeEvent chargeEvent, Payment payment)
        {
            if (!seen.Add(chargeEvent.IdempotencyKey))
            {
                return false;
            }
            payment.ProcessorRef = chargeEvent.ProcessorRef;
            return true;
        }

        /// <summary>Seconds to wait before retrying a charge with the same idempotency key.</summary>
        public static long RetrySchedule(int attempt) => System.Math.Min(1L << System.Math.Min(attempt, 16), 300);
    }
}
