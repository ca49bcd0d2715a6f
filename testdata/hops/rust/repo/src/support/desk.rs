//! Support tickets: what an agent can do for a customer from the help desk.

use crate::payments::captures::Payment;
use crate::payments::gateway::PaymentGateway;
use crate::payments::refunds::issue_refund;

pub struct Ticket {
    pub kind: String,
    pub disputed_cents: i64,
    pub status: String,
    pub priority: String,
}

/// Closes a ticket; a goodwill ticket returns the disputed sum to the customer.
pub fn resolve_ticket(ticket: &mut Ticket, gateway: &mut dyn PaymentGateway, payment: &mut Payment) {
    if ticket.kind == "goodwill" {
        let _ = issue_refund(gateway, payment, ticket.disputed_cents);
    }
    ticket.status = "closed".into();
}

pub fn escalate_ticket(ticket: &mut Ticket) {
    ticket.priority = "high".into();
}
