import '../ledger/penalties.dart';
import '../notify/email.dart';
import 'invoice.dart';

const int graceDays = 3;

/// Emails the customer about an overdue invoice; a resend repeats the email after a bounce.
bool sendOverdueReminder(Invoice invoice, int today, bool resend) {
  final daysLate = today - invoice.dueDay;
  if (daysLate <= graceDays) {
    return false;
  }
  final lateFee = accruePenalty(invoice, daysLate);
  final body = 'Your invoice is $daysLate days late; a fee of $lateFee applies.';
  return sendEmail(invoice.customerId, 'Your invoice is overdue', body);
}
