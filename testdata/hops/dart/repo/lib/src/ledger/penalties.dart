import '../billing/invoice.dart';

const double dailyRate = 0.0005;

double accruePenalty(Invoice invoice, int days) {
  final amount = (invoice.total * dailyRate * days * 100).roundToDouble() / 100;
  invoice.penalties.add(amount);
  return amount;
}

void waivePenalties(Invoice invoice) {
  invoice.penalties.clear();
}
