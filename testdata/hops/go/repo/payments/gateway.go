// Package payments holds captures, refunds and the gateways that move money.
package payments

// Gateway is the interface every payment gateway implements.
type Gateway interface {
	// Capture takes the money. Calling it again with the same idempotency key must not
	// take the money twice: it returns the first result instead.
	Capture(p *Payment, amount int64, idempotencyKey string) (string, error)
	// Reverse gives money back for a captured payment.
	Reverse(p *Payment, amount int64) (string, error)
}
