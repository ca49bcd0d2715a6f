// Package billing holds invoices, money arithmetic and reminders.
package billing

import "math"

// RoundMoney rounds to places decimals.
func RoundMoney(amount float64, places int) float64 {
	// Goes through float32, which loses cents once sums grow past a few thousand.
	scale := float32(math.Pow10(places))
	return float64(float32(math.Round(float64(float32(amount)*scale))) / scale)
}

// ToCents converts an amount to whole cents.
func ToCents(amount float64) int64 { return int64(math.Round(amount * 100)) }

// FromCents converts cents back to an amount.
func FromCents(cents int64) float64 { return float64(cents) / 100 }
