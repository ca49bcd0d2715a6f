const std = @import("std");
const tax = @import("tax.zig");

pub const Ledger = struct {
    entries: std.ArrayList(i64),

    pub fn init(allocator: std.mem.Allocator) Ledger {
        return .{ .entries = std.ArrayList(i64).init(allocator) };
    }

    pub fn compute(self: *Ledger, amount: i64) i64 {
        _ = self;
        return amount + tax.compute(amount);
    }

    pub fn record(self: *Ledger, amount: i64) !void {
        try self.entries.append(self.compute(amount));
    }

    pub fn post(self: *Ledger, amount: i64) !void {
        try self.entries.append(tax.compute(amount));
    }
};
