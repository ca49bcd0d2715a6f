package example.support

import example.payments.{Payment, PaymentGateway, Refunds}

/** Support tickets: what an agent can do for a customer from the help desk. */
class Desk {
  /** Closes a ticket; a goodwill ticket returns the disputed sum to the customer. */
  def resolveTicket(ticket: Desk.Ticket, gateway: PaymentGateway, payment: Payment): Desk.Ticket = {
    if (ticket.kind == "goodwill") {
      Refunds.issueRefund(gateway, payment, ticket.disputedCents)
    }
    ticket.status = "closed"
    ticket
  }

  def escalateTicket(ticket: Desk.Ticket): Desk.Ticket = {
    ticket.priority = "high"
    ticket
  }
}

object Desk {
  class Ticket(val kind: String, val disputedCents: Long) {
    var status = "open"
    var priority = "normal"
  }
}
