//! Disputes: a customer contests a charge and the captured amount is held.
const Payment = @import("captures.zig").Payment;

pub const Dispute = struct { held: i64, won: bool = false };

/// Holds part of the captured amount while the customer's claim that they paid too much is examined.
/// Fails with "dispute exceeds captured amount".
pub fn openDispute(payment: Payment, amount: i64) error{DisputeExceedsCapturedAmount}!Dispute {
    if (amount > payment.captured) return error.DisputeExceedsCapturedAmount;
    return .{ .held = amount };
}
