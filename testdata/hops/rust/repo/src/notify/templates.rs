//! Text of the emails sent to customers.

use crate::billing::invoices::Invoice;

pub fn render_reminder(invoice: &Invoice, days_late: i64, late_fee: f64) -> String {
    format!(
        "Dear customer,\n\ninvoice {} is overdue by {days_late} days. A late fee of {late_fee:.2} has been charged.\n\
         If this reminder reached you twice, please ignore the second email.\n",
        invoice.number
    )
}

pub fn render_receipt(invoice: &Invoice, amount: f64) -> String {
    format!("Dear customer,\n\nwe received your payment of {amount:.2} for invoice {}. Thank you.\n", invoice.number)
}
