//! Parcel weights.

pub fn round(grams: i64) i64 {
    return @divTrunc(grams + 99, 100) * 100;
}
