// Package billing holds VAT, the ledger and reports.
package billing

import "math"

const vatRate = 0.2

// Compute is the value-added tax on an amount.
func Compute(amount float64) float64 {
	return math.Round(amount*vatRate*100) / 100
}
