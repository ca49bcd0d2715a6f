const std = @import("std");
const money = @import("core/money.zig");
const pricing = @import("pricing.zig");
const Allocator = std.mem.Allocator;

pub const Line = struct {
    sku: []const u8,
    price: money.Money,
    qty: u32,
};

/// A cart of lines, owned by one allocator.
pub const Cart = struct {
    lines: std.ArrayList(Line),
    discount: pricing.Discount = .none,

    const Self = @This();

    pub fn init(allocator: Allocator) Self {
        return .{ .lines = std.ArrayList(Line).init(allocator) };
    }

    pub fn deinit(self: *Self) void {
        self.lines.deinit();
    }

    /// Adds a line; the cart keeps the slice, not a copy.
    pub fn add(self: *Self, sku: []const u8, price: money.Money, qty: u32) !void {
        try self.lines.append(.{ .sku = sku, .price = price, .qty = qty });
    }

    /// The total with discount and VAT.
    pub fn total(self: Self) money.Money {
        var sum = money.Money.zero;
        for (self.lines.items) |line| {
            sum = sum.add(line.price.scale(line.qty));
        }
        const discounted = self.discount.apply(sum);
        return discounted.add(pricing.vat(discounted));
    }
};

test "empty cart costs nothing" {
    var cart = Cart.init(std.testing.allocator);
    defer cart.deinit();
    try std.testing.expectEqual(@as(i64, 0), cart.total().cents);
}
