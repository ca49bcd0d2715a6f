/// Anything printable as a page.
open class Document {
    public init() {}

    open func body() -> String { "" }

    public func render() -> String {
        "<page>\(body())</page>"
    }
}
