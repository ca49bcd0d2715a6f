//! Summaries of rows: totals, and VAT through the billing tax module.

use crate::billing::tax::compute;

pub struct Row {
    pub amount: f64,
    pub total: f64,
}

pub fn summarize(rows: &[Row]) -> f64 {
    fn compute(row: &Row) -> f64 {
        row.total
    }
    rows.iter().map(|row| compute(row)).sum()
}

pub fn vat_total(rows: &[Row]) -> f64 {
    rows.iter().map(|row| compute(row.amount)).sum()
}

pub fn headline(rows: &[Row]) -> String {
    crate::describe(rows.len())
}
