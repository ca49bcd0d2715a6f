/// Postings of an account; its own `compute` is the running balance.
public final class Ledger {
    private var postings: [Double] = []

    func compute() -> Double {
        postings.reduce(0, +)
    }

    /// A bare call inside the class is `self.compute()`.
    public func record(_ amount: Double) -> Double {
        postings.append(amount)
        return compute()
    }
}
