using Shop.Payments;

namespace Shop.Support
{
    /// <summary>Support tickets: what an agent can do for a customer from the help desk.</summary>
    public class Desk
    {
        public class Ticket
        {
            public string Kind { get; set; } = "";
            public long DisputedCents { get; set; }
            public string Status { get; set; } = "open";
            public string Priority { get; set; } = "normal";
        }

        /// <summary>Closes a ticket; a goodwill ticket returns the disputed sum to the customer.</summary>
        public Ticket ResolveTicket(Ticket ticket, IPaymentGateway gateway, Payment payment)
        {
            if (ticket.Kind == "goodwill")
            {
                Refunds.IssueRefund(gateway, payment, ticket.DisputedCents);
            }
            ticket.Status = "closed";
            return ticket;
        }

        public Ticket EscalateTicket(Ticket ticket)
        {
            ticket.Priority = "high";
            return ticket;
        }
    }
}
