package com.example.billing;

import com.example.ledger.Penalties;
import com.example.notify.Email;
import com.example.notify.Templates;

/** Reminder emails for unpaid invoices past their due date. */
public class Reminders {
    private static final int GRACE_DAYS = 3;

    /** Emails the customer about an overdue invoice; a resend repeats the email after a bounce. */
    public boolean sendOverdueReminder(Invoice invoice, int today, boolean resend) {
        int daysLate = today - invoice.dueDay;
        if (daysLate <= GRACE_DAYS) {
            return false;
        }
        double lateFee = Penalties.accruePenalty(invoice, daysLate);
        String body = Templates.renderReminder(invoice, daysLate, lateFee);
        return Email.sendEmail(invoice.customerId, "Your invoice is overdue", body);
    }
}
