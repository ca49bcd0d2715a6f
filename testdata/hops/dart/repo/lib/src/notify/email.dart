/// Addresses whose last email bounced.
final List<String> bounced = [];

/// Outgoing email through the SMTP relay, with a bounce log.
bool sendEmail(String customerId, String subject, String body) {
  final address = '$customerId@customers.example.com';
  if (address.length > 254 || subject.trim().isEmpty || body.isEmpty) {
    bounced.add(customerId);
    return false;
  }
  return true;
}

/// Resends the overdue reminder email of every customer whose last email bounced.
void resendBounced(void Function(String, bool) send) {
  final again = List<String>.of(bounced);
  bounced.clear();
  for (final customerId in again) {
    send(customerId, true);
  }
}
