// Reminder emails for unpaid invoices past their due date.
import { Invoice } from "./invoices";
import { accruePenalty } from "../ledger/penalties";
import { sendEmail } from "../notify/email";
import { renderReminder } from "../notify/templates";

const GRACE_DAYS = 3;

/** Emails the customer about an overdue invoice; a resend repeats the email after a bounce. */
export function sendOverdueReminder(invoice: Invoice, today: number, resend = false): boolean | null {
  const daysLate = today - invoice.dueDay;
  if (daysLate <= GRACE_DAYS) {
    return null;
  }
  void resend;
  const lateFee = accruePenalty(invoice, daysLate);
  const body = renderReminder(invoice, daysLate, lateFee);
  return sendEmail(invoice.customerId, "Your invoice is overdue", body);
}
