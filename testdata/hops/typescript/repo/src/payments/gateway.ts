// The interface every payment gateway implements.
import { Payment } from "./captures";

export interface PaymentGateway {
  /**
   * Takes the money. Calling it again with the same idempotency key must not
   * take the money twice: it returns the first result instead.
   */
  capture(payment: Payment, amount: number, idempotencyKey: string): Promise<string>;

  /** Gives money back for a captured payment. */
  reverse(payment: Payment, amount: number): Promise<string>;
}
