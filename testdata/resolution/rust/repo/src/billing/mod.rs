//! Invoices, VAT and the ledger.

pub mod checkout;
pub mod ledger;
pub mod tax;
