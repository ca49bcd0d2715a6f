//! Reminder emails for unpaid invoices past their due date.

use crate::billing::invoices::Invoice;
use crate::ledger::penalties::accrue_penalty;
use crate::notify::email::send_email;
use crate::notify::templates::render_reminder;

const GRACE_DAYS: i64 = 3;

/// Emails the customer about an overdue invoice; a resend repeats the email after a bounce.
pub fn send_overdue_reminder(invoice: &mut Invoice, today: i64, resend: bool) -> Option<bool> {
    let days_late = today - invoice.due_day;
    if days_late <= GRACE_DAYS {
        return None;
    }
    let _ = resend;
    let late_fee = accrue_penalty(invoice, days_late);
    let body = render_reminder(invoice, days_late, late_fee);
    Some(send_email(&invoice.customer_id, "Your invoice is overdue", &body))
}
