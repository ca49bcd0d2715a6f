import Payments

/// Support tickets: what an agent can do for a customer from the help desk.
public enum Desk {
    public final class Ticket {
        public var kind = "question"
        public var disputedCents = 0
        public var status = "open"
        public var priority = "normal"
    }

    /// Closes a ticket; a goodwill ticket returns the disputed sum to the customer.
    public static func resolveTicket(_ ticket: Ticket, gateway: PaymentGateway, payment: Payment) throws -> Ticket {
        if ticket.kind == "goodwill" {
            try Refunds.issueRefund(gateway, payment, amount: ticket.disputedCents)
        }
        ticket.status = "closed"
        return ticket
    }

    public static func escalateTicket(_ ticket: Ticket) -> Ticket {
        ticket.priority = "high"
        return ticket
    }
}
