import XCTest
@testable import Shop

final class CartTests: XCTestCase {
    func testFullCartRefusesLines() throws {
        let cart = Cart(owner: "ann")
        for i in 0..<Cart.maxLines {
            try cart.add(sku: "sku\(i)", price: Money(cents: 1))
        }
        XCTAssertThrowsError(try cart.add(sku: "one more", price: Money(cents: 1)))
    }
}
