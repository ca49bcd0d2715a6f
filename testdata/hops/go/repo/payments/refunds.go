package payments

import "errors"

// ErrRefundTooLarge is returned when a refund is larger than what is left.
var ErrRefundTooLarge = errors.New("refund exceeds captured amount")

// IssueRefund refunds amount, in whole currency units (not cents).
func IssueRefund(g Gateway, p *Payment, amount int64) (int64, error) {
	if amount > RemainingCapturedAmount(p) {
		return 0, ErrRefundTooLarge
	}
	if _, err := g.Reverse(p, amount); err != nil {
		return 0, err
	}
	p.Refunded += amount
	return p.Refunded, nil
}
