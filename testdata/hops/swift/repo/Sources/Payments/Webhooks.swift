/// Events the card processor posts back to us.
public enum Webhooks {
    static var seenKeys: Set<String> = []

    /// The processor may deliver the same charge event twice when it is retrying;
    /// events are deduplicated by idempotency key so the money is not counted twice.
    public static func handleChargeEvent(_ event: [String: String], payments: [String: Payment]) -> Bool {
        guard let key = event["idempotency_key"], seenKeys.insert(key).inserted else { return false }
        payments[event["payment_id"] ?? ""]?.processorRef = event["processor_ref"] ?? ""
        return true
    }
}
