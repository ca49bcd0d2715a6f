//! The interface every payment gateway implements.

use super::captures::Payment;

pub trait PaymentGateway {
    /// Takes the money. Calling it again with the same idempotency key must not
    /// take the money twice: it returns the first result instead.
    fn capture(&mut self, payment: &mut Payment, amount: i64, idempotency_key: &str) -> String;

    /// Gives money back for a captured payment.
    fn reverse(&mut self, payment: &Payment, amount: i64) -> String;
}
