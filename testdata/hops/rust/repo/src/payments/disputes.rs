//! Disputes: a customer contests a charge and the captured amount is held.

use super::captures::Payment;

pub struct Dispute {
    pub held: i64,
    pub reason: String,
    pub open: bool,
}

/// Holds part of the captured amount while the customer's claim that they paid too much is examined.
pub fn open_dispute(payment: &Payment, amount: i64, reason: &str) -> Result<Dispute, &'static str> {
    if amount > payment.captured {
        return Err("dispute exceeds captured amount");
    }
    Ok(Dispute { held: amount, reason: reason.to_string(), open: true })
}

pub fn close_dispute(dispute: &mut Dispute) {
    dispute.open = false;
}
