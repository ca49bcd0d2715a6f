package example.payments

/** The interface every payment gateway implements. */
trait PaymentGateway {
  /**
   * Takes the money. Calling it again with the same idempotency key must not
   * take the money twice: it returns the first result instead.
   */
  def capture(payment: Payment, amount: Long, idempotencyKey: String): String

  /** Gives money back for a captured payment. */
  def reverse(payment: Payment, amount: Long): String
}
