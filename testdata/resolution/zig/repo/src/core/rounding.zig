//! Rounding of amounts in cents.

pub fn round(cents: i64, step: i64) i64 {
    return @divTrunc(cents + @divTrunc(step, 2), step) * step;
}
