package com.example.payments

/** An event the card processor posts back to us. */
data class ChargeEvent(val idempotencyKey: String, val processorRef: String)

/**
 * The processor may deliver the same charge event twice when it is retrying;
 * events are deduplicated by idempotency key so the money is not counted twice.
 */
fun handleChargeEvent(seen: MutableSet<String>, event: ChargeEvent, payment: Payment): Boolean {
    if (!seen.add(event.idempotencyKey)) {
        return false
    }
    payment.processorRef = event.processorRef
    return true
}

/** Seconds to wait before retrying a charge with the same idempotency key. */
fun retrySchedule(attempt: Int): Long = minOf(1L shl minOf(attempt, 16), 300L)
