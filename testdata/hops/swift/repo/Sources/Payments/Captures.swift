/// A captured payment: what was taken and what was given back.
public final class Payment {
    public let token: String
    public var processorRef = ""
    public var captured = 0
    public var refunded = 0

    public init(token: String) {
        self.token = token
    }
}

/// Bookkeeping of captured payments: the captured amount and its retries.
public enum Captures {
    /// What can still be given back: the captured amount less what was refunded.
    public static func remainingCapturedAmount(_ payment: Payment) -> Int {
        payment.captured - payment.refunded
    }

    /// Seconds to wait before retrying a charge with the same idempotency key.
    public static func retrySchedule(attempt: Int) -> Int {
        min(1 << attempt, 300)
    }
}
