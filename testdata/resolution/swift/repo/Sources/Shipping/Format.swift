/// Amounts as customs forms print them.
public func formatAmount(_ amount: Double) -> String {
    "\(amount) EUR (duty)"
}
