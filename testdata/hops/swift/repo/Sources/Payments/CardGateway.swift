/// The card processor's HTTP API.
public final class CardGateway: PaymentGateway {
    private let post: (String, [String: Any]) -> [String: String]

    public init(post: @escaping (String, [String: Any]) -> [String: String]) {
        self.post = post
    }

    public func capture(_ payment: Payment, amount: Int, requestID: String) -> String {
        let response = post("/v1/debits", ["source": payment.token, "amount": amount])
        payment.captured += amount
        return response["id"] ?? ""
    }

    public func reverse(_ payment: Payment, amount: Int) -> String {
        post("/v1/reversals", ["ref": payment.processorRef, "amount": amount])["id"] ?? ""
    }
}
