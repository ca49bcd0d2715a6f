const std = @import("std");
const Ledger = @import("billing/ledger.zig").Ledger;

pub fn run(allocator: std.mem.Allocator) !void {
    var ledger = Ledger.init(allocator);
    try ledger.record(100);
}
