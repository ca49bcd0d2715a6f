//! Accounts-receivable aging: overdue invoices bucketed by days late.
const Invoice = @import("../billing/invoice.zig").Invoice;

pub const buckets = [_][2]u32{ .{ 1, 30 }, .{ 31, 60 }, .{ 61, 90 }, .{ 91, 10_000 } };

/// Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance.
pub fn agingReport(invoices: []const Invoice, today: u32) [buckets.len]i64 {
    var report = [_]i64{0} ** buckets.len;
    for (invoices) |invoice| {
        const days_late = today -| invoice.due;
        for (buckets, 0..) |bucket, i| {
            if (days_late >= bucket[0] and days_late <= bucket[1]) {
                var fees: i64 = 0;
                for (invoice.penalties.constSlice()) |fee| fees += fee;
                report[i] += invoice.total_cents + fees;
            }
        }
    }
    return report;
}
