const core = @import("core.zig");

pub fn reportTotal(cents: i64) i64 {
    return core.round(cents, 5);
}
