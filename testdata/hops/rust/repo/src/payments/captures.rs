//! Bookkeeping of captured payments: the captured amount and its retries.

pub struct Payment {
    pub token: String,
    pub processor_ref: String,
    pub captured: i64,
    pub refunded: i64,
}

/// What can still be given back: the captured amount less what was refunded.
pub fn remaining_captured_amount(payment: &Payment) -> i64 {
    payment.captured - payment.refunded
}

/// Seconds to wait before retrying a charge with the same idempotency key.
pub fn retry_schedule(attempt: u32) -> u64 {
    2u64.saturating_pow(attempt).min(300)
}
