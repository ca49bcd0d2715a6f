//! Import duty of a parcel, in cents.

pub fn compute(grams: i64) i64 {
    return 250 + @divTrunc(grams, 10);
}

pub fn exempt(grams: i64) bool {
    return grams < 500;
}
