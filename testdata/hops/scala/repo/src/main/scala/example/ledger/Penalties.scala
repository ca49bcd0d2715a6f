package example.ledger

import example.billing.Invoice

/** Penalties booked against invoices. */
object Penalties {
  private val DailyRate = 0.0005

  def accruePenalty(invoice: Invoice, days: Int): Double = {
    val amount = math.round(invoice.total * DailyRate * days * 100) / 100.0
    invoice.penalties += amount
    amount
  }

  def waivePenalties(invoice: Invoice): Unit = {
    invoice.penalties.clear()
  }
}
