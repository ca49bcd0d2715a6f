package com.example.payments

/** A refund the gateway refused. */
class RefundException(message: String) : RuntimeException(message)

/** Refunds [amount], in whole currency units (not cents), never more than was captured. */
fun issueRefund(gateway: PaymentGateway, payment: Payment, amount: Long): Long {
    if (amount > payment.captured - payment.refunded) {
        throw RefundException("refund exceeds captured amount")
    }
    gateway.reverse(payment, amount)
    payment.refunded += amount
    return payment.refunded
}
