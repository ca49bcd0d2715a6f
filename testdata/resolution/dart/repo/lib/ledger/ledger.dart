import 'package:shop/billing/tax.dart';

/// The general ledger.
class Ledger {
  double _balance = 0;

  double compute(double amount) => _balance + amount;

  void record(double amount) {
    _balance = compute(amount);
  }
}
