// Reminder emails for unpaid invoices past their due date.
import { accruePenalty } from "../ledger/penalties.js";
import { sendEmail } from "../notify/email.js";
import { renderReminder } from "../notify/templates.js";

const GRACE_DAYS = 3;

/** Emails the customer about an overdue invoice; a resend repeats the email after a bounce. */
export function sendOverdueReminder(invoice, today, resend = false) {
  const daysLate = today - invoice.dueDay;
  if (daysLate <= GRACE_DAYS) {
    return null;
  }
  void resend;
  const lateFee = accruePenalty(invoice, daysLate);
  const body = renderReminder(invoice, daysLate, lateFee);
  return sendEmail(invoice.customerId, "Your invoice is overdue", body);
}
