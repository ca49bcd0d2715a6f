"""Support tickets: what an agent can do for a customer from the help desk."""

from payments.refunds import issue_refund


def resolve_ticket(ticket, gateway, payments):
    """Closes a ticket; a goodwill ticket returns the disputed sum to the customer."""
    if ticket.kind == "goodwill":
        payment = payments[ticket.payment_id]
        issue_refund(gateway, payment, ticket.disputed_cents)
    ticket.status = "closed"
    return ticket


def escalate_ticket(ticket):
    ticket.priority = "high"
    return ticket
