package shop.billing

/** The general ledger. */
class Ledger {
  private var balance = 0.0

  def compute(amount: Double): Double = balance + amount

  def record(amount: Double): Unit = {
    balance = compute(amount)
  }

  def post(amount: Double): Unit = {
    balance += Tax.compute(amount)
  }
}
