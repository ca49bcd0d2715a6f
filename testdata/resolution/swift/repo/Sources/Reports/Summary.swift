import Shipping

/// Totals of a month of parcels.
public enum Summary {
    /// Duty of every parcel: the Reports module sees only the imported Shipping.
    public static func tally(_ weights: [Double]) -> String {
        formatAmount(weights.map { Tax.compute($0) }.reduce(0, +))
    }
}
