import 'payment.dart';
import 'payment_gateway.dart';

/// A refund the gateway refused.
class RefundException implements Exception {
  final String message;

  RefundException(this.message);
}

/// Refunds [amount], in whole currency units (not cents), never more than was captured.
int issueRefund(PaymentGateway gateway, Payment payment, int amount) {
  if (amount > payment.captured - payment.refunded) {
    throw RefundException('refund exceeds captured amount');
  }
  gateway.reverse(payment, amount);
  payment.refunded += amount;
  return payment.refunded;
}
