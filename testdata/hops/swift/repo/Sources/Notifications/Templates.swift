import Ledger

/// Text of the emails customers get.
public enum Templates {
    public static func renderReminder(_ invoice: Invoice, daysLate: Int, lateFee: Decimal) -> String {
        "Invoice \(invoice.number) is \(daysLate) days overdue. A late fee of \(lateFee) was added."
    }

    public static func renderReceipt(captured: Int) -> String {
        "We received \(captured) for your order."
    }
}
