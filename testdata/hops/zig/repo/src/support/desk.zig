//! Support tickets: what an agent can do for a customer from the help desk.
const refunds = @import("../payments/refunds.zig");
const captures = @import("../payments/captures.zig");
const CardGateway = @import("../payments/card_gateway.zig").CardGateway;

pub const Ticket = struct {
    kind: enum { goodwill, complaint },
    disputed_cents: i64,
    closed: bool = false,
};

/// Closes a ticket; a goodwill ticket refunds the disputed sum.
pub fn resolveTicket(ticket: *Ticket, gateway: *CardGateway, payment: *captures.Payment) !void {
    if (ticket.kind == .goodwill) {
        _ = try refunds.issueRefund(gateway, payment, ticket.disputed_cents);
    }
    ticket.closed = true;
}
