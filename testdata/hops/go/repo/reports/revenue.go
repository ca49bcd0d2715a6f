package reports

import "example.com/billing/billing"

// MonthlyRevenue adds up the invoice totals of the month; off by a penny means an invoice total is wrong.
func MonthlyRevenue(invoices []billing.Invoice, firstDay, lastDay int) float64 {
	total := 0.0
	for _, inv := range invoices {
		if inv.Finalized && inv.DueDay >= firstDay && inv.DueDay <= lastDay {
			total += inv.Total
		}
	}
	return total
}

// RevenueByItem sums line items by description.
func RevenueByItem(invoices []billing.Invoice) map[string]float64 {
	totals := map[string]float64{}
	for _, inv := range invoices {
		for _, item := range inv.Items {
			totals[item.Description] += float64(item.Quantity) * item.UnitPrice
		}
	}
	return totals
}
