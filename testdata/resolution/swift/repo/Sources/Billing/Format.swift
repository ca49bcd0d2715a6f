/// Amounts as invoices print them.
public func formatAmount(_ amount: Double) -> String {
    "EUR \(amount)"
}
