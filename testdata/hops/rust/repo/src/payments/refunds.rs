//! Refunds: money given back through the gateway, never more than was captured.

use super::captures::{remaining_captured_amount, Payment};
use super::gateway::PaymentGateway;

#[derive(Debug)]
pub struct RefundError(pub &'static str);

/// Refunds `amount`, in whole currency units (not cents).
pub fn issue_refund(gateway: &mut dyn PaymentGateway, payment: &mut Payment, amount: i64) -> Result<i64, RefundError> {
    if amount > remaining_captured_amount(payment) {
        return Err(RefundError("refund exceeds captured amount"));
    }
    gateway.reverse(payment, amount);
    payment.refunded += amount;
    Ok(payment.refunded)
}
