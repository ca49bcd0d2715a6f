// Package ledger books penalties and double-entry lines.
package ledger

import "math"

const dailyRate = 0.0005

// AccruePenalty books a penalty for days past due and returns it.
func AccruePenalty(penalties *[]float64, total float64, days int) float64 {
	amount := math.Round(total*dailyRate*float64(days)*100) / 100
	*penalties = append(*penalties, amount)
	return amount
}

// WaivePenalties drops every booked penalty.
func WaivePenalties(penalties *[]float64) { *penalties = (*penalties)[:0] }
