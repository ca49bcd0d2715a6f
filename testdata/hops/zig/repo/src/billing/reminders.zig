//! Reminder emails for unpaid invoices past their due date.
const std = @import("std");
const Invoice = @import("invoice.zig").Invoice;
const penalties = @import("../ledger/penalties.zig");
const email = @import("../notifications/email.zig");
const templates = @import("../notifications/templates.zig");

pub const grace_days: u32 = 3;

/// Emails the customer about an overdue invoice; a resend repeats the email after a bounce.
pub fn sendOverdueReminder(invoice: *Invoice, today: u32, resend: bool, buf: []u8) !bool {
    _ = resend;
    const days_late = today -| invoice.due;
    if (days_late <= grace_days) return false;
    const late_fee = try penalties.accruePenalty(invoice, days_late);
    const body = try templates.renderReminder(buf, invoice.number, days_late, late_fee);
    return email.sendEmail(invoice.customer_id, "Your invoice is overdue", body);
}
