//! Monthly revenue: the totals of finalized invoices.

use crate::billing::invoices::Invoice;

/// Adds up the invoice totals of the month; off by a penny means an invoice total is wrong.
pub fn monthly_revenue(invoices: &[Invoice], first_day: i64, last_day: i64) -> f64 {
    invoices
        .iter()
        .filter(|i| i.finalized && i.due_day >= first_day && i.due_day <= last_day)
        .map(|i| i.total)
        .sum()
}

pub fn revenue_by_item(invoices: &[Invoice]) -> Vec<(String, f64)> {
    let mut totals: Vec<(String, f64)> = Vec::new();
    for item in invoices.iter().flat_map(|i| &i.items) {
        let line = item.quantity as f64 * item.unit_price;
        match totals.iter_mut().find(|(d, _)| *d == item.description) {
            Some((_, t)) => *t += line,
            None => totals.push((item.description.clone(), line)),
        }
    }
    totals
}
