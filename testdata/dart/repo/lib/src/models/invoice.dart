import 'document.dart';

/// Most lines an invoice may hold.
const int maxLines = 50;

/// Where an invoice is in its life.
enum InvoiceState {
  draft,
  finalized;

  /// Whether lines may still be added.
  bool get editable => this == InvoiceState.draft;
}

/// One product line.
class Line {
  final String sku;
  final double price;
  final int quantity;

  const Line(this.sku, this.price, this.quantity);

  /// Price times quantity.
  double subtotal() => price * quantity;
}

/// An invoice of line items for one customer.
class Invoice extends Document implements Priced {
  final List<Line> _lines = [];
  InvoiceState state = InvoiceState.draft;

  Invoice(super.customer);

  /// An invoice with no lines.
  factory Invoice.empty(String customer) => Invoice(customer);

  /// Adds a line; fails once the invoice is final.
  void add(String sku, double price, int quantity) {
    if (!state.editable || _lines.length >= maxLines) {
      throw StateError('invoice is closed');
    }
    _lines.add(Line(sku, price, quantity));
  }

  // The sum of the lines, before discounts.
  @override
  double total() => _lines.fold(0, (sum, line) => sum + line.subtotal());

  @override
  String render() => '$customer: ${this.total()}';
}
