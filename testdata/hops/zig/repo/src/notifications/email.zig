//! Outgoing email through the SMTP relay, with a bounce log.
const std = @import("std");
const Invoice = @import("../billing/invoice.zig").Invoice;

pub const relay = "smtp.internal";
var bounced: std.BoundedArray(u32, 64) = .{};

pub fn sendEmail(customer_id: u32, subject: []const u8, body: []const u8) bool {
    const delivered = subject.len > 0 and body.len > 0 and customer_id != 0;
    if (!delivered) {
        bounced.append(customer_id) catch {};
        return false;
    }
    return true;
}

/// Resends the overdue reminder email of every customer whose last email bounced.
pub fn resendBounced(invoices: []Invoice, today: u32, send: *const fn (*Invoice, u32, bool) bool) void {
    for (bounced.slice()) |customer_id| {
        for (invoices) |*invoice| {
            if (invoice.customer_id == customer_id) _ = send(invoice, today, true);
        }
    }
    bounced.len = 0;
}
