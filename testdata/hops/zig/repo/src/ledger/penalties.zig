//! Penalties booked against invoices.
const Invoice = @import("../billing/invoice.zig").Invoice;

const daily_rate_per_10k: i64 = 5;

pub fn accruePenalty(invoice: *Invoice, days: u32) !i64 {
    const amount = @divTrunc(invoice.total_cents * daily_rate_per_10k * days, 10_000);
    try invoice.penalties.append(amount);
    return amount;
}

pub fn waivePenalties(invoice: *Invoice) void {
    invoice.penalties.len = 0;
}
