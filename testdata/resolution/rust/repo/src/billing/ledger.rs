//! The ledger books amounts with its own fee, and VAT through the tax module.

use super::tax::compute;

#[derive(Default)]
pub struct Ledger {
    lines: Vec<(f64, f64)>,
}

impl Ledger {
    pub fn record(&mut self, amount: f64) -> f64 {
        let fee = self.compute(amount);
        self.lines.push((amount, fee));
        fee
    }

    pub fn compute(&self, amount: f64) -> f64 {
        (amount * 0.01 * 100.0).round() / 100.0
    }

    pub fn post(&mut self, amount: f64) -> f64 {
        let vat = compute(amount);
        self.lines.push((amount, vat));
        vat
    }
}
