/// Discount and tax rules.
public enum Pricing {
    /// The house discount, off every cart.
    public static let houseDiscount = 0.1
    static let taxRate = 0.2

    /// Takes the house discount off an amount in cents.
    public static func discount(_ cents: Int, rate: Double = houseDiscount) -> Int {
        Int((Double(cents) * (1 - rate)).rounded())
    }

    static func withTax(_ cents: Int) -> Int {
        Int((Double(cents) * (1 + taxRate)).rounded())
    }
}
