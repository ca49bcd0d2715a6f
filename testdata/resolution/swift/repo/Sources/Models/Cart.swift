/// A cart is no document: it renders itself.
public struct Cart {
    let items: [String]

    func render() -> String {
        items.joined(separator: ", ")
    }

    func print() -> String {
        render()
    }
}
