import '../payments/payment.dart';
import '../payments/payment_gateway.dart';
import '../payments/refunds.dart';

/// A support ticket.
class Ticket {
  final String kind;
  final int disputedCents;
  String status = 'open';
  String priority = 'normal';

  Ticket(this.kind, this.disputedCents);
}

/// Support tickets: what an agent can do for a customer from the help desk.
class Desk {
  /// Closes a ticket; a goodwill ticket returns the disputed sum to the customer.
  Ticket resolveTicket(Ticket ticket, PaymentGateway gateway, Payment payment) {
    if (ticket.kind == 'goodwill') {
      issueRefund(gateway, payment, ticket.disputedCents);
    }
    ticket.status = 'closed';
    return ticket;
  }

  Ticket escalateTicket(Ticket ticket) {
    ticket.priority = 'high';
    return ticket;
  }
}
