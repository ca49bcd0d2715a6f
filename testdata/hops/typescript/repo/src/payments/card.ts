// The card processor's HTTP API.
import { Payment } from "./captures";
import { PaymentGateway } from "./gateway";

export interface HttpClient {
  post(path: string, body: Record<string, unknown>): Promise<{ id: string }>;
}

export class CardGateway implements PaymentGateway {
  constructor(private readonly client: HttpClient) {}

  async capture(payment: Payment, amount: number, key: string): Promise<string> {
    const response = await this.client.post("/v1/debits", { source: payment.token, amount });
    payment.captured += amount;
    return response.id;
  }

  async reverse(payment: Payment, amount: number): Promise<string> {
    return (await this.client.post("/v1/reversals", { ref: payment.processorRef, amount })).id;
  }
}
