const std = @import("std");
const Money = @import("core/money.zig").Money;

/// The VAT rate, in percent.
pub const vat_percent: i64 = 20;

pub const Discount = union(enum) {
    none,
    percent: i64,
    fixed: Money,

    /// Applies the discount, never below zero.
    pub fn apply(self: Discount, amount: Money) Money {
        return switch (self) {
            .none => amount,
            .percent => |p| Money{ .cents = amount.cents - @divTrunc(amount.cents * p, 100) },
            .fixed => |off| Money{ .cents = @max(0, amount.cents - off.cents) },
        };
    }
};

/// The VAT on an amount, rounded half up.
pub fn vat(amount: Money) Money {
    return .{ .cents = @divTrunc(amount.cents * vat_percent + 50, 100) };
}

test "vat rounds half up" {
    try std.testing.expectEqual(@as(i64, 20), vat(.{ .cents = 99 }).cents);
}
