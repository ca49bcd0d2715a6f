// The base every payment gateway extends.

export class PaymentGateway {
  /**
   * Takes the money. Calling it again with the same idempotency key must not
   * take the money twice: it returns the first result instead.
   */
  async capture(payment, amount, idempotencyKey) {
    throw new Error("not implemented");
  }

  /** Gives money back for a captured payment. */
  async reverse(payment, amount) {
    throw new Error("not implemented");
  }
}
