import Foundation

/// An invoice as the ledger books it.
public final class Invoice {
    public let number: String
    public let customerID: String
    public let due: Date
    public var total: Decimal
    public var penalties: [Decimal] = []

    public init(number: String, customerID: String, due: Date, total: Decimal) {
        (self.number, self.customerID, self.due, self.total) = (number, customerID, due, total)
    }
}

/// Penalties booked against invoices.
public enum Penalties {
    static let dailyRate = Decimal(string: "0.0005")!

    public static func accruePenalty(_ invoice: Invoice, days: Int) -> Decimal {
        let amount = invoice.total * dailyRate * Decimal(days)
        invoice.penalties.append(amount)
        return amount
    }

    public static func waivePenalties(_ invoice: Invoice) {
        invoice.penalties.removeAll()
    }
}
