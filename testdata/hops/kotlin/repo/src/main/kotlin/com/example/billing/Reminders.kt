package com.example.billing

import com.example.ledger.accruePenalty
import com.example.notify.Email

private const val GRACE_DAYS = 3

/** Emails the customer about an overdue invoice; a resend repeats the email after a bounce. */
fun sendOverdueReminder(invoice: Invoice, today: Int, resend: Boolean): Boolean {
    val daysLate = today - invoice.dueDay
    if (daysLate <= GRACE_DAYS) {
        return false
    }
    val lateFee = accruePenalty(invoice, daysLate)
    val body = "Your invoice is $daysLate days late; a fee of $lateFee applies."
    return Email.sendEmail(invoice.customerId, "Your invoice is overdue", body)
}
