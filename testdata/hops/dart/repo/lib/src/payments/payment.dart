/// A card payment and what was captured and refunded of it.
class Payment {
  final String token;
  String processorRef = '';
  int captured = 0;
  int refunded = 0;

  Payment(this.token);
}
