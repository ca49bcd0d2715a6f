/// An invoice prints through the page layout it inherits.
public final class Invoice: Document {
    let lines: [Double]

    public init(lines: [Double]) {
        self.lines = lines
    }

    public func print() -> String {
        render()
    }
}
