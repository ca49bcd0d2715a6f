/// An invoice owed by a customer.
class Invoice {
  final String customerId;
  final double total;
  final int dueDay;
  final List<double> penalties = [];

  Invoice(this.customerId, this.total, this.dueDay);
}
