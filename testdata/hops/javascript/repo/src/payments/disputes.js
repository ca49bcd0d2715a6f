// Disputes: a customer contests a charge and the captured amount is held.

/** Holds part of the captured amount while the customer's claim that they paid too much is examined. */
export function openDispute(payment, amount, reason) {
  if (amount > payment.captured) {
    throw new Error("dispute exceeds captured amount");
  }
  return { held: amount, reason, open: true };
}

export function closeDispute(dispute) {
  dispute.open = false;
}
