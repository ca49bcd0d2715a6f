//! Invoices as the ledger keeps them.
const std = @import("std");

pub const Invoice = struct {
    number: u32,
    customer_id: u32,
    due: u32,
    total_cents: i64,
    penalties: std.BoundedArray(i64, 16) = .{},
};
