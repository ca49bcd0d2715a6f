package payments

// ChargeEvent is what the card processor posts back to us.
type ChargeEvent struct {
	IdempotencyKey string
	ProcessorRef   string
}

// HandleChargeEvent: the processor may deliver the same charge event twice when it is retrying;
// events are deduplicated by idempotency key so the money is not counted twice.
func HandleChargeEvent(seen map[string]bool, ev ChargeEvent, p *Payment) bool {
	if seen[ev.IdempotencyKey] {
		return false
	}
	seen[ev.IdempotencyKey] = true
	p.ProcessorRef = ev.ProcessorRef
	return true
}
