import Shipping

/// Turns a cart's amount into amounts to charge.
public struct Checkout {
    public let subtotal: Double

    /// The amount with VAT: `Tax` is this module's own, which shadows the imported one.
    public func total() -> Double {
        subtotal + Tax.compute(subtotal)
    }

    /// The duty of the parcel, named through its module.
    public func quote(weight: Double) -> Double {
        Shipping.Tax.compute(weight)
    }
}
