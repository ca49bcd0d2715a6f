/// Anything with a total price.
abstract interface class Priced {
  double total();
}

/// A printable business document.
abstract class Document {
  final String customer;

  Document(this.customer);

  /// The text shown to the customer.
  String render() => customer;

  /// Renders and frames the document.
  String print() {
    return '[' + render() + ']';
  }
}

/// Logs what a document does.
mixin Audited on Document {
  final List<String> trail = [];

  void audit(String event) => trail.add(event);
}

typedef Formatter = String Function(Document document);
