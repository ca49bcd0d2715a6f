/// The interface every payment gateway implements.
public protocol PaymentGateway {
    /// Takes the money. Calling it again with the same idempotency key (`requestID`)
    /// must not take the money twice: it returns the first result instead.
    func capture(_ payment: Payment, amount: Int, requestID: String) -> String

    /// Gives money back for a captured payment.
    func reverse(_ payment: Payment, amount: Int) -> String
}
