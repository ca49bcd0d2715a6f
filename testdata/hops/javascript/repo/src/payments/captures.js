// Bookkeeping of captured payments: the captured amount and its retries.

export function newPayment(token) {
  return { token, processorRef: "", captured: 0, refunded: 0 };
}

/** What can still be given back: the captured amount less what was refunded. */
export function remainingCapturedAmount(payment) {
  return payment.captured - payment.refunded;
}

/** Seconds to wait before retrying a charge with the same idempotency key. */
export function retrySchedule(attempt) {
  return Math.min(2 ** attempt, 300);
}
