package example.payments

import scala.collection.mutable

/** Events the card processor posts back to us. */
object Webhooks {
  case class ChargeEvent(idempotencyKey: String, processorRef: String)

  /**
   * The processor may deliver the same charge event twice when it is retrying;
   * events are deduplicated by idempotency key so the money is not counted twice.
   */
  def handleChargeEvent(seen: mutable.Set[String], event: ChargeEvent, payment: Payment): Boolean = {
    if (!seen.add(event.idempotencyKey)) {
      return false
    }
    payment.processorRef = event.processorRef
    true
  }

  /** Seconds to wait before retrying a charge with the same idempotency key. */
  def retrySchedule(attempt: Int): Long = math.min(1L << math.min(attempt, 16), 300L)
}
