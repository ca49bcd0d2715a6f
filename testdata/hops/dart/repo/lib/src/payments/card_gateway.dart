import 'payment.dart';
import 'payment_gateway.dart';

/// What the gateway posts through.
abstract class HttpClient {
  String post(String path, Map<String, Object> body);
}

/// The card processor's HTTP API.
class CardGateway implements PaymentGateway {
  final HttpClient client;

  CardGateway(this.client);

  @override
  String capture(Payment payment, int amount, String requestId) {
    final id = client.post('/v1/debits', {'source': payment.token, 'amount': amount});
    payment.captured += amount;
    return id;
  }

  @override
  String reverse(Payment payment, int amount) {
    return client.post('/v1/reversals', {'ref': payment.processorRef, 'amount': amount});
  }
}
