// Package support is what an agent can do for a customer from the help desk.
package support

import "example.com/billing/payments"

// Ticket is a customer's support request.
type Ticket struct {
	Kind          string
	DisputedCents int64
	Status        string
	Priority      string
}

// ResolveTicket closes a ticket; a goodwill ticket returns the disputed sum to the customer.
func ResolveTicket(t *Ticket, g payments.Gateway, p *payments.Payment) error {
	if t.Kind == "goodwill" {
		if _, err := payments.IssueRefund(g, p, t.DisputedCents); err != nil {
			return err
		}
	}
	t.Status = "closed"
	return nil
}

// EscalateTicket raises the priority.
func EscalateTicket(t *Ticket) { t.Priority = "high" }
