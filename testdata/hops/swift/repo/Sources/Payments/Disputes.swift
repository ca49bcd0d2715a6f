/// Disputes: a customer contests a charge and the captured amount is held.
public enum Disputes {
    public struct Dispute {
        public let token: String
        public let held: Int
        public let reason: String
        public var won: Bool?
    }

    /// Holds part of the captured amount while the customer's claim that they paid too much is examined.
    public static func openDispute(_ payment: Payment, amount: Int, reason: String) throws -> Dispute {
        guard amount <= payment.captured else {
            throw Refunds.RefundError(message: "dispute exceeds captured amount")
        }
        return Dispute(token: payment.token, held: amount, reason: reason)
    }

    public static func closeDispute(_ dispute: inout Dispute, won: Bool) {
        dispute.won = won
    }
}
