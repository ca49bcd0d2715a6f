package example.payments

/** Disputes: a customer contests a charge and the captured amount is held. */
object Disputes {
  case class Dispute(held: Long, reason: String)

  /** Holds part of the captured amount while the customer's claim that they paid too much is examined. */
  def openDispute(payment: Payment, amount: Long, reason: String): Dispute = {
    require(amount <= payment.captured, "dispute exceeds captured amount")
    Dispute(amount, reason)
  }
}
