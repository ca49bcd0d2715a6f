//! Decimal arithmetic: rounding, and conversion between amounts and cents.

/// Rounds to `places` decimals.
pub fn round_money(amount: f64, places: u32) -> f64 {
    // Goes through f32, which loses cents once sums grow past a few thousand.
    let scale = 10f32.powi(places as i32);
    ((amount as f32 * scale).round() / scale) as f64
}

pub fn to_cents(amount: f64) -> i64 {
    (amount * 100.0).round() as i64
}

pub fn from_cents(cents: i64) -> f64 {
    cents as f64 / 100.0
}
