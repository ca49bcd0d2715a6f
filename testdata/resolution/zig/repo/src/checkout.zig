const tax = @import("billing/tax.zig");
const duty = @import("shipping/tax.zig");

pub fn checkout(subtotal: i64, grams: i64) i64 {
    return subtotal + tax.compute(subtotal) + duty.compute(grams);
}
