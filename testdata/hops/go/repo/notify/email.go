// Package notify sends email through the SMTP relay and keeps a bounce log.
package notify

import "strings"

// Bounced lists customers whose last email bounced.
var Bounced []string

// SendEmail sends one email; a refused recipient is logged as bounced.
func SendEmail(customerID, subject, body string) bool {
	address := customerID + "@customers.example.com"
	if len(address) > 254 || strings.TrimSpace(subject) == "" || body == "" {
		Bounced = append(Bounced, customerID)
		return false
	}
	return true
}

// ResendBounced resends the overdue reminder email of every customer whose last email bounced.
func ResendBounced(send func(customerID string, resend bool)) {
	bounced := Bounced
	Bounced = nil
	for _, id := range bounced {
		send(id, true)
	}
}
