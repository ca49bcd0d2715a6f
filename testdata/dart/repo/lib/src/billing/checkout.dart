import '../models/invoice.dart';
import '../shipping/tax_table.dart' as duty;
import 'pricing.dart';

/// Turns a cart into an invoice.
class Checkout {
  final duty.TaxTable _duty;

  Checkout([duty.TaxTable? table]) : _duty = table ?? duty.TaxTable(duty.Zone.domestic);

  /// Prices every line and books the invoice.
  double close(Invoice invoice) {
    double discounted(double amount) =>
        applyDiscount(amount, Discounts.rateFor(invoice.customer));

    final total = discounted(invoice.total());
    return total + _duty.compute(total);
  }

  /// The totals of several invoices, largest first.
  List<double> totals(List<Invoice> invoices) =>
      invoices.map(close).toList()..sort((a, b) => b.compareTo(a));
}
