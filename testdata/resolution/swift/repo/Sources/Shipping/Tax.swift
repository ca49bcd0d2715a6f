/// Customs duty on parcels, by weight.
public enum Tax {
    static let perKilo = 1.5

    public static func compute(_ weight: Double) -> Double {
        (weight * perKilo * 100).rounded() / 100
    }
}
