// Refunds: money given back through the gateway, never more than was captured.
import { Payment, remainingCapturedAmount } from "./captures";
import { PaymentGateway } from "./gateway";

export class RefundError extends Error {}

/** Refunds `amount`, in whole currency units (not cents). */
export async function issueRefund(gateway: PaymentGateway, payment: Payment, amount: number): Promise<number> {
  if (amount > remainingCapturedAmount(payment)) {
    throw new RefundError("refund exceeds captured amount");
  }
  await gateway.reverse(payment, amount);
  payment.refunded += amount;
  return payment.refunded;
}
