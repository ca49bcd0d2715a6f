/// A customer's cart of line items.
public final class Cart {
    /// Most lines a cart may hold.
    public static let maxLines = 50

    /// One product line.
    public struct Line: Hashable {
        public let sku: String
        public let price: Money
        public let quantity: Int

        /// Price times quantity.
        var subtotal: Int { price.cents * quantity }
    }

    /// Why a line was refused.
    public enum Refusal: Error {
        case full
        case emptyQuantity(sku: String)
    }

    public let owner: String
    private(set) var lines: [Line] = []

    public init(owner: String) {
        self.owner = owner
    }

    // Adds a line; throws when the cart is full.
    public func add(sku: String, price: Money, quantity: Int = 1) throws {
        guard quantity > 0 else { throw Refusal.emptyQuantity(sku: sku) }
        guard lines.count < Cart.maxLines else { throw Refusal.full }
        lines.append(Line(sku: sku, price: price, quantity: quantity))
    }

    /// The total after the house discount.
    public var total: Money {
        Money(cents: Pricing.discount(lines.map(\.subtotal).reduce(0, +)))
    }
}
