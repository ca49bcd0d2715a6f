// Package shipping holds customs duty and declarations.
package shipping

import "math"

const dutyPerKg = 1.5

// Compute is the customs duty on a parcel, by weight.
func Compute(weight float64) float64 {
	return math.Round(weight*dutyPerKg*100) / 100
}
