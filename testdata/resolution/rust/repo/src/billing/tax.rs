//! Value-added tax on an amount.

const VAT_RATE: f64 = 0.2;

pub fn compute(amount: f64) -> f64 {
    (amount * VAT_RATE * 100.0).round() / 100.0
}
