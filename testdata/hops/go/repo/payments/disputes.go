package payments

import "errors"

// Dispute is a customer contesting a charge; the captured amount is held.
type Dispute struct {
	Held   int64
	Reason string
	Open   bool
}

// OpenDispute holds part of the captured amount while the customer's claim that they paid too much is examined.
func OpenDispute(p *Payment, amount int64, reason string) (*Dispute, error) {
	if amount > p.Captured {
		return nil, errors.New("dispute exceeds captured amount")
	}
	return &Dispute{Held: amount, Reason: reason, Open: true}, nil
}

// CloseDispute ends a dispute.
func CloseDispute(d *Dispute) { d.Open = false }
