//! Sales tax of an order, in cents.

pub fn compute(amount: i64) i64 {
    return @divTrunc(amount * 20, 100);
}
