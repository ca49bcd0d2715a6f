package example.payments

/** Refunds: money given back through the gateway, never more than was captured. */
object Refunds {
  class RefundException(message: String) extends RuntimeException(message)

  /** Refunds `amount`, in whole currency units (not cents). */
  def issueRefund(gateway: PaymentGateway, payment: Payment, amount: Long): Long = {
    if (amount > payment.captured - payment.refunded) {
      throw new RefundException("refund exceeds captured amount")
    }
    gateway.reverse(payment, amount)
    payment.refunded += amount
    payment.refunded
  }
}
