import 'payment.dart';

/// The interface every payment gateway implements.
abstract class PaymentGateway {
  /// Takes the money. Calling it again with the same idempotency key must not
  /// take the money twice: it returns the first result instead.
  String capture(Payment payment, int amount, String idempotencyKey);

  /// Gives money back for a captured payment.
  String reverse(Payment payment, int amount);
}
