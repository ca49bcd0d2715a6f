package com.example.support;

import com.example.payments.Payment;
import com.example.payments.PaymentGateway;
import com.example.payments.Refunds;

/** Support tickets: what an agent can do for a customer from the help desk. */
public class Desk {
    public static class Ticket {
        public String kind;
        public long disputedCents;
        public String status;
        public String priority;
    }

    /** Closes a ticket; a goodwill ticket returns the disputed sum to the customer. */
    public Ticket resolveTicket(Ticket ticket, PaymentGateway gateway, Payment payment) {
        if ("goodwill".equals(ticket.kind)) {
            Refunds.issueRefund(gateway, payment, ticket.disputedCents);
        }
        ticket.status = "closed";
        return ticket;
    }

    public Ticket escalateTicket(Ticket ticket) {
        ticket.priority = "high";
        return ticket;
    }
}
