// Disputes: a customer contests a charge and the captured amount is held.
import { Payment } from "./captures";

export interface Dispute {
  held: number;
  reason: string;
  open: boolean;
}

/** Holds part of the captured amount while the customer's claim that they paid too much is examined. */
export function openDispute(payment: Payment, amount: number, reason: string): Dispute {
  if (amount > payment.captured) {
    throw new Error("dispute exceeds captured amount");
  }
  return { held: amount, reason, open: true };
}

export function closeDispute(dispute: Dispute): void {
  dispute.open = false;
}
