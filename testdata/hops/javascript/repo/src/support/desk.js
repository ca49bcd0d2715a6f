// Support tickets: what an agent can do for a customer from the help desk.
import { issueRefund } from "../payments/refunds.js";

/** Closes a ticket; a goodwill ticket returns the disputed sum to the customer. */
export async function resolveTicket(ticket, gateway, payment) {
  if (ticket.kind === "goodwill") {
    await issueRefund(gateway, payment, ticket.disputedCents);
  }
  ticket.status = "closed";
  return ticket;
}

export function escalateTicket(ticket) {
  ticket.priority = "high";
  return ticket;
}
