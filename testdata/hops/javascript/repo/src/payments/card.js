// The card processor's HTTP API.
import { PaymentGateway } from "./gateway.js";

export class CardGateway extends PaymentGateway {
  constructor(client) {
    super();
    this.client = client;
  }

  async capture(payment, amount) {
    const response = await this.client.post("/v1/debits", { source: payment.token, amount });
    payment.captured += amount;
    return response.id;
  }

  async reverse(payment, amount) {
    return (await this.client.post("/v1/reversals", { ref: payment.processorRef, amount })).id;
  }
}
