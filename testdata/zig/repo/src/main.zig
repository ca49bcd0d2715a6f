const std = @import("std");
const Cart = @import("cart.zig").Cart;
const money = @import("core/money.zig");

pub fn main() !void {
    var gpa = std.heap.GeneralPurposeAllocator(.{}){};
    defer _ = gpa.deinit();
    var cart = Cart.init(gpa.allocator());
    defer cart.deinit();
    try cart.add("tea", money.fromEuros(4), 2);
    const stdout = std.io.getStdOut().writer();
    try cart.total().format(stdout);
}
