package com.example.payments

/** A customer contests a charge and the captured amount is held. */
data class Dispute(val held: Long, val reason: String)

/** Holds part of the captured amount while the customer's claim that they paid too much is examined. */
fun openDispute(payment: Payment, amount: Long, reason: String): Dispute {
    require(amount <= payment.captured) { "dispute exceeds captured amount" }
    return Dispute(amount, reason)
}
