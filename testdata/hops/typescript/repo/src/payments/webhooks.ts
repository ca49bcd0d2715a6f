// Events the card processor posts back to us.
import { Payment } from "./captures";

export interface ChargeEvent {
  idempotencyKey: string;
  processorRef: string;
}

/**
 * The processor may deliver the same charge event twice when it is retrying;
 * events are deduplicated by idempotency key so the money is not counted twice.
 */
export function handleChargeEvent(seen: Set<string>, event: ChargeEvent, payment: Payment): boolean {
  if (seen.has(event.idempotencyKey)) {
    return false;
  }
  seen.add(event.idempotencyKey);
  payment.processorRef = event.processorRef;
  return true;
}
