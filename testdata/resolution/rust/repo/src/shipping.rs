//! Parcels: customs duty and declarations.

pub mod tax {
    //! Customs duty on a parcel, by weight.

    const DUTY_PER_KG: f64 = 1.5;

    pub fn compute(weight: f64) -> f64 {
        (weight * DUTY_PER_KG * 100.0).round() / 100.0
    }
}

pub struct Declaration {
    pub weight: f64,
    pub value: f64,
}

pub fn declare_parcel(weight: f64, value: f64) -> Declaration {
    Declaration { weight, value }
}
