package example.billing

import example.ledger.Penalties
import example.notify.Email

/** Reminder emails for unpaid invoices past their due date. */
object Reminders {
  private val GraceDays = 3

  /** Emails the customer about an overdue invoice; a resend repeats the email after a bounce. */
  def sendOverdueReminder(invoice: Invoice, today: Int, resend: Boolean): Boolean = {
    val daysLate = today - invoice.dueDay
    if (daysLate <= GraceDays) {
      return false
    }
    val lateFee = Penalties.accruePenalty(invoice, daysLate)
    val body = s"Your invoice is $daysLate days late; a fee of $lateFee applies."
    Email.sendEmail(invoice.customerId, "Your invoice is overdue", body)
  }
}
