import Foundation

/// An amount of money in cents, in one currency.
public struct Money: Equatable, Comparable {
    public let cents: Int
    public let currency: String

    public init(cents: Int, currency: String = "EUR") {
        self.cents = cents
        self.currency = currency
    }

    /// Money from a decimal string such as "12.30".
    public static func parse(_ text: String) -> Money? {
        guard let value = Decimal(string: text) else { return nil }
        return Money(cents: NSDecimalNumber(decimal: value * 100).intValue)
    }

    public static func + (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "currency mismatch")
        return Money(cents: lhs.cents + rhs.cents, currency: lhs.currency)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        lhs.cents < rhs.cents
    }
}

extension Money: CustomStringConvertible {
    /// Formats as "12.30 EUR".
    public var description: String {
        String(format: "%.2f %@", Double(cents) / 100, currency)
    }
}
