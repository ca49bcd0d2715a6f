//! Amounts of money in cents.
const std = @import("std");

/// An amount of money, in cents.
pub const Money = struct {
    cents: i64,

    pub const zero = Money{ .cents = 0 };

    /// Adds two amounts.
    pub fn add(self: Money, other: Money) Money {
        return .{ .cents = self.cents + other.cents };
    }

    pub fn scale(self: Money, factor: i64) Money {
        return .{ .cents = self.cents * factor };
    }

    /// Formats as euros with two decimals.
    pub fn format(self: Money, writer: anytype) !void {
        try writer.print("{d}.{d:0>2}", .{ @divTrunc(self.cents, 100), @mod(self.cents, 100) });
    }
};

pub fn fromEuros(euros: i64) Money {
    return Money{ .cents = euros * 100 };
}
