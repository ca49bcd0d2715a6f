// Support tickets: what an agent can do for a customer from the help desk.
import { Payment } from "../payments/captures";
import { PaymentGateway } from "../payments/gateway";
import { issueRefund } from "../payments/refunds";

export interface Ticket {
  kind: string;
  disputedCents: number;
  status: string;
  priority: string;
}

/** Closes a ticket; a goodwill ticket returns the disputed sum to the customer. */
export async function resolveTicket(ticket: Ticket, gateway: PaymentGateway, payment: Payment): Promise<Ticket> {
  if (ticket.kind === "goodwill") {
    await issueRefund(gateway, payment, ticket.disputedCents);
  }
  ticket.status = "closed";
  return ticket;
}

export function escalateTicket(ticket: Ticket): Ticket {
  ticket.priority = "high";
  return ticket;
}
