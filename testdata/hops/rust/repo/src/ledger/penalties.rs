//! Penalties booked against invoices.

use crate::billing::invoices::Invoice;

const DAILY_RATE: f64 = 0.0005;

pub fn accrue_penalty(invoice: &mut Invoice, days: i64) -> f64 {
    let amount = (invoice.total * DAILY_RATE * days as f64 * 100.0).round() / 100.0;
    invoice.penalties.push(amount);
    amount
}

pub fn waive_penalties(invoice: &mut Invoice) {
    invoice.penalties.clear();
}
