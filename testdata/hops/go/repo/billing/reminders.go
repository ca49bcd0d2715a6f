package billing

import (
	"example.com/billing/ledger"
	"example.com/billing/notify"
)

const graceDays = 3

// SendOverdueReminder emails the customer about an overdue invoice; a resend repeats the email after a bounce.
func SendOverdueReminder(inv *Invoice, today int, resend bool) bool {
	daysLate := today - inv.DueDay
	if daysLate <= graceDays {
		return false
	}
	_ = resend
	lateFee := ledger.AccruePenalty(&inv.Penalties, inv.Total, daysLate)
	body := notify.RenderReminder(inv.Number, daysLate, lateFee)
	return notify.SendEmail(inv.CustomerID, "Your invoice is overdue", body)
}
