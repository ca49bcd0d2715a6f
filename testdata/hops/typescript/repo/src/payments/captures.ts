// Bookkeeping of captured payments: the captured amount and its retries.

export interface Payment {
  token: string;
  processorRef: string;
  captured: number;
  refunded: number;
}

/** What can still be given back: the captured amount less what was refunded. */
export function remainingCapturedAmount(payment: Payment): number {
  return payment.captured - payment.refunded;
}

/** Seconds to wait before retrying a charge with the same idempotency key. */
export function retrySchedule(attempt: number): number {
  return Math.min(2 ** attempt, 300);
}
