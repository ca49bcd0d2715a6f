//! Accounts-receivable aging: overdue invoices bucketed by days late.

use crate::billing::invoices::Invoice;

const BUCKETS: [(i64, i64); 4] = [(1, 30), (31, 60), (61, 90), (91, 10_000)];

/// Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance.
pub fn aging_report(invoices: &[Invoice], today: i64) -> [f64; 4] {
    let mut report = [0.0; 4];
    for invoice in invoices {
        let days_late = today - invoice.due_day;
        for (slot, (low, high)) in BUCKETS.iter().enumerate() {
            if *low <= days_late && days_late <= *high {
                report[slot] += invoice.total + invoice.penalties.iter().sum::<f64>();
            }
        }
    }
    report
}
