package billing

// Apply runs a given tax function on an amount.
func Apply(Compute func(float64) float64, amount float64) float64 {
	return Compute(amount)
}
