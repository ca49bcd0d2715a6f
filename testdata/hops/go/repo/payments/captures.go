package payments

// Payment is a captured payment and what was refunded of it.
type Payment struct {
	Token        string
	ProcessorRef string
	Captured     int64
	Refunded     int64
}

// RemainingCapturedAmount is what can still be given back: the captured amount less what was refunded.
func RemainingCapturedAmount(p *Payment) int64 { return p.Captured - p.Refunded }

// RetrySchedule is the seconds to wait before retrying a charge with the same idempotency key.
func RetrySchedule(attempt uint) int64 {
	if attempt > 8 {
		return 300
	}
	return min(int64(1)<<attempt, 300)
}
