//! Text of the emails sent to customers.
const std = @import("std");

const reminder =
    \\Dear customer,
    \\
    \\invoice {d} is overdue by {d} days. A late fee of {d} cents has been charged.
    \\If this reminder reached you twice, please ignore the second email.
;

pub fn renderReminder(buf: []u8, number: u32, days_late: u32, late_fee: i64) ![]u8 {
    return std.fmt.bufPrint(buf, reminder, .{ number, days_late, late_fee });
}

pub fn renderReceipt(buf: []u8, number: u32, amount: i64) ![]u8 {
    return std.fmt.bufPrint(buf, "Dear customer,\n\nwe received your payment of {d} for invoice {d}. Thank you.\n", .{ amount, number });
}
