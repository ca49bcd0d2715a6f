//! Invoices and their line items; finalizing freezes the totals.

use super::money::round_money;

pub struct LineItem {
    pub description: String,
    pub quantity: u32,
    pub unit_price: f64,
    pub tax_rate: f64,
}

pub struct Invoice {
    pub number: String,
    pub customer_id: String,
    pub due_day: i64,
    pub items: Vec<LineItem>,
    pub subtotal: f64,
    pub tax: f64,
    pub total: f64,
    pub finalized: bool,
    pub penalties: Vec<f64>,
}

/// Freezes the invoice: every line item is priced, taxed and summed into the grand total.
pub fn finalize_invoice(invoice: &mut Invoice) {
    if invoice.finalized {
        return;
    }
    let mut subtotal = 0.0;
    let mut tax = 0.0;
    for item in &invoice.items {
        let line = item.quantity as f64 * item.unit_price;
        subtotal = round_money(subtotal + line, 2);
        tax = round_money(tax + line * item.tax_rate, 2);
    }
    invoice.subtotal = subtotal;
    invoice.tax = tax;
    invoice.total = subtotal + tax;
    invoice.finalized = true;
}
