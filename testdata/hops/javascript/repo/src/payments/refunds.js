// Refunds: money given back through the gateway, never more than was captured.
import { remainingCapturedAmount } from "./captures.js";

export class RefundError extends Error {}

/** Refunds `amount`, in whole currency units (not cents). */
export async function issueRefund(gateway, payment, amount) {
  if (amount > remainingCapturedAmount(payment)) {
    throw new RefundError("refund exceeds captured amount");
  }
  await gateway.reverse(payment, amount);
  payment.refunded += amount;
  return payment.refunded;
}
