//! Refunds: money given back through the gateway, never more than was captured.
const captures = @import("captures.zig");
const CardGateway = @import("card_gateway.zig").CardGateway;

pub const RefundError = error{ExceedsCapturedAmount};

/// Refunds `amount`, in whole currency units (not cents).
pub fn issueRefund(gateway: *CardGateway, payment: *captures.Payment, amount: i64) RefundError!i64 {
    if (amount > captures.remainingCapturedAmount(payment.*)) {
        // "refund exceeds captured amount"
        return error.ExceedsCapturedAmount;
    }
    gateway.reverse(payment.*, amount);
    payment.refunded += amount;
    return payment.refunded;
}
