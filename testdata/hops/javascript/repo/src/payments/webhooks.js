// Events the card processor posts back to us.

/**
 * The processor may deliver the same charge event twice when it is retrying;
 * events are deduplicated by idempotency key so the money is not counted twice.
 */
export function handleChargeEvent(seen, event, payment) {
  if (seen.has(event.idempotencyKey)) {
    return false;
  }
  seen.add(event.idempotencyKey);
  payment.processorRef = event.processorRef;
  return true;
}
