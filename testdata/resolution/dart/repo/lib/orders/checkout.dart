import '../shipping/tax.dart';

/// Ships an order.
class Checkout {
  double ship(double weight) => compute(weight);
}
