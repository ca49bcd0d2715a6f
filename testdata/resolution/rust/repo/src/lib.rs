//! A shop: billing, shipping, models and reports.

pub mod billing;
pub mod models;
pub mod report;
pub mod shipping;

/// A line about a report of `rows` rows (a free function named like `Cart::describe`).
pub fn describe(rows: usize) -> String {
    format!("{rows} rows")
}
