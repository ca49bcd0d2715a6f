import 'payment.dart';

/// A customer contests a charge and the captured amount is held.
class Dispute {
  final int held;
  final String reason;

  Dispute(this.held, this.reason);
}

/// Holds part of the captured amount while the customer's claim that they paid too much is examined.
Dispute openDispute(Payment payment, int amount, String reason) {
  if (amount > payment.captured) {
    throw ArgumentError('dispute exceeds captured amount');
  }
  return Dispute(amount, reason);
}
