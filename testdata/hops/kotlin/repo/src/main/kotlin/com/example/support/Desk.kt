package com.example.support

import com.example.payments.Payment
import com.example.payments.PaymentGateway
import com.example.payments.issueRefund

/** Support tickets: what an agent can do for a customer from the help desk. */
class Desk {
    class Ticket(val kind: String, val disputedCents: Long) {
        var status = "open"
        var priority = "normal"
    }

    /** Closes a ticket; a goodwill ticket returns the disputed sum to the customer. */
    fun resolveTicket(ticket: Ticket, gateway: PaymentGateway, payment: Payment): Ticket {
        if (ticket.kind == "goodwill") {
            issueRefund(gateway, payment, ticket.disputedCents)
        }
        ticket.status = "closed"
        return ticket
    }

    fun escalateTicket(ticket: Ticket): Ticket {
        ticket.priority = "high"
        return ticket
    }
}
