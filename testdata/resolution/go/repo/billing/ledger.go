package billing

import "math"

// Ledger books amounts with its own fee, and VAT through Compute.
type Ledger struct {
	lines [][2]float64
}

// Record books an amount with the ledger's fee.
func (l *Ledger) Record(amount float64) float64 {
	fee := l.Compute(amount)
	l.lines = append(l.lines, [2]float64{amount, fee})
	return fee
}

// Compute is the ledger's own fee.
func (l *Ledger) Compute(amount float64) float64 {
	return math.Round(amount) / 100
}

// Post books an amount with its VAT.
func (l *Ledger) Post(amount float64) float64 {
	vat := Compute(amount)
	l.lines = append(l.lines, [2]float64{amount, vat})
	return vat
}
