import 'dart:math';

import 'payment.dart';

/// An event the card processor posts back to us.
class ChargeEvent {
  final String idempotencyKey;
  final String processorRef;

  ChargeEvent(this.idempotencyKey, this.processorRef);
}

/// The processor may deliver the same charge event twice when it is retrying;
/// events are deduplicated by idempotency key so the money is not counted twice.
bool handleChargeEvent(Set<String> seen, ChargeEvent event, Payment payment) {
  if (!seen.add(event.idempotencyKey)) {
    return false;
  }
  payment.processorRef = event.processorRef;
  return true;
}

/// Seconds to wait before retrying a charge with the same idempotency key.
int retrySchedule(int attempt) => min(1 << min(attempt, 16), 300);
