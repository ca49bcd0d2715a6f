//! A shop: billing, shipping, models and reports.

pub mod billing;
pub mod models;
pub mod report;
pub mod shipping;
