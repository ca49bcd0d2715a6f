const std = @import("std");
const tax = @import("tax.zig");

pub fn label(buf: []u8, grams: i64) ![]u8 {
    if (tax.exempt(grams)) return std.fmt.bufPrint(buf, "no duty", .{});
    return std.fmt.bufPrint(buf, "duty {d}", .{tax.compute(grams)});
}
