/// Refunds: money given back through the gateway, never more than was captured.
public enum Refunds {
    public struct RefundError: Error {
        public let message: String
    }

    /// Refunds `amount`, in whole currency units (not cents).
    @discardableResult
    public static func issueRefund(_ gateway: PaymentGateway, _ payment: Payment, amount: Int) throws -> Int {
        guard amount <= Captures.remainingCapturedAmount(payment) else {
            throw RefundError(message: "refund exceeds captured amount")
        }
        _ = gateway.reverse(payment, amount: amount)
        payment.refunded += amount
        return payment.refunded
    }
}
