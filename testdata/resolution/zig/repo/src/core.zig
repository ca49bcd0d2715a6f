//! The shop's core, one import for its users.
pub const round = @import("core/rounding.zig").round;
