//! The card processor's API: captures and reversals.
const Payment = @import("captures.zig").Payment;

pub const CardGateway = struct {
    base_url: []const u8,
    reversed_cents: i64 = 0,

    /// Captures an authorised charge; the idempotency key makes a retried capture take the money once.
    pub fn capture(self: *CardGateway, payment: Payment, amount: i64, idempotency_key: []const u8) void {
        _ = payment;
        _ = idempotency_key;
        _ = self.base_url;
        _ = amount;
    }

    /// Gives money back to the card, the amount in cents.
    pub fn reverse(self: *CardGateway, payment: Payment, amount: i64) void {
        _ = payment;
        self.reversed_cents += amount;
    }
};
