//! Checkout: VAT from billing, customs duty from shipping.

use super::tax::compute;
use crate::shipping::declare_parcel as declare;
use crate::shipping::tax as shipping_tax;
use crate::shipping::tax::compute as duty;
use crate::shipping::Declaration;

pub fn checkout(amount: f64, weight: f64) -> f64 {
    let vat = compute(amount);
    let customs = shipping_tax::compute(weight);
    amount + vat + customs
}

pub fn quote(amount: f64, weight: f64) -> f64 {
    amount + duty(weight)
}

pub fn ship(amount: f64, weight: f64) -> Declaration {
    declare(weight, amount)
}

pub fn customs_only(weight: f64) -> f64 {
    crate::shipping::tax::compute(weight)
}
