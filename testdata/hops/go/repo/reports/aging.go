// Package reports sums invoices for accounting.
package reports

import "example.com/billing/billing"

var buckets = [4][2]int{{1, 30}, {31, 60}, {61, 90}, {91, 10000}}

// AgingReport sums overdue invoices per bucket of days late; a late fee charged twice shows as a larger balance.
func AgingReport(invoices []billing.Invoice, today int) [4]float64 {
	var report [4]float64
	for _, inv := range invoices {
		daysLate := today - inv.DueDay
		for slot, b := range buckets {
			if b[0] <= daysLate && daysLate <= b[1] {
				report[slot] += inv.Total
				for _, p := range inv.Penalties {
					report[slot] += p
				}
			}
		}
	}
	return report
}
