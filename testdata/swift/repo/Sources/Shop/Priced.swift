/// Anything with a price.
public protocol Priced {
    var price: Money { get }
    func describe() -> String
}

extension Cart: Priced {
    public var price: Money { total }

    public func describe() -> String {
        "cart of \(owner): \(price)"
    }
}

/// A typed price, for catalogues.
public typealias CatalogueEntry = (sku: String, price: Money)
