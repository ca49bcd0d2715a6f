import 'package:shop/shop.dart';

/// Books one sample invoice.
void main(List<String> args) {
  final invoice = Invoice(args.isEmpty ? 'sample' : args.first);
  invoice.add('book', 12.5, 2);
  print(Checkout().close(invoice));
  print(invoice.print());
}
