// Package pricing computes discounts.
package pricing

import "math"

type (
	// Rate is a fraction between 0 and 1.
	Rate float64
	Cents = int64
)

// DefaultRate is the house discount.
var DefaultRate Rate = 0.1

// ApplyDiscount takes the rate off the amount, rounded to cents.
func ApplyDiscount(amount float64, rate Rate) float64 {
	return math.Round(amount*(1-float64(rate))*100) / 100
}
