/// Value-added tax on invoice amounts.
public enum Tax {
    static let rate = 0.2

    public static func compute(_ amount: Double) -> Double {
        (amount * rate * 100).rounded() / 100
    }
}
