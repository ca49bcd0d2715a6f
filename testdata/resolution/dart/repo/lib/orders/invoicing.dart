import 'package:shop/billing/tax.dart';

/// Bills an order.
class Invoicing {
  double vat(double amount) => compute(amount);
}
