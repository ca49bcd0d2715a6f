package notify

import "fmt"

// RenderReminder is the text of the overdue reminder.
func RenderReminder(number string, daysLate int, lateFee float64) string {
	return fmt.Sprintf("Dear customer,\n\ninvoice %s is overdue by %d days. A late fee of %.2f has been charged.\n"+
		"If this reminder reached you twice, please ignore the second email.\n", number, daysLate, lateFee)
}

// RenderReceipt is the text of a payment receipt.
func RenderReceipt(number string, amount float64) string {
	return fmt.Sprintf("Dear customer,\n\nwe received your payment of %.2f for invoice %s. Thank you.\n", amount, number)
}
