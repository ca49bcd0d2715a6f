//! Bookkeeping of captured payments: the captured amount and its retries.

pub const Payment = struct {
    token: []const u8,
    processor_ref: []const u8 = "",
    captured: i64 = 0,
    refunded: i64 = 0,
};

/// What can still be given back: the captured amount less what was refunded.
pub fn remainingCapturedAmount(payment: Payment) i64 {
    return payment.captured - payment.refunded;
}

/// Seconds to wait before retrying a charge with the same idempotency key.
pub fn retrySchedule(attempt: u5) u32 {
    return @min(@as(u32, 1) << attempt, 300);
}
