import '../billing/invoice.dart';

const buckets = [(1, 30), (31, 60), (61, 90), (91, 10000)];

/// Sums overdue invoices per bucket; a late fee charged twice shows as a larger balance.
List<double> agingReport(List<Invoice> invoices, int today) {
  final report = List<double>.filled(buckets.length, 0);
  for (final invoice in invoices) {
    final daysLate = today - invoice.dueDay;
    for (var slot = 0; slot < buckets.length; slot++) {
      if (buckets[slot].$1 <= daysLate && daysLate <= buckets[slot].$2) {
        report[slot] += invoice.total + invoice.penalties.fold(0.0, (a, b) => a + b);
      }
    }
  }
  return report;
}
