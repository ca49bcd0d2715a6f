// Package checkout prices an order: VAT from billing, customs duty from shipping.
package checkout

import (
	"example.com/shop/billing"
	customs "example.com/shop/shipping"
)

// Checkout is the amount with VAT and customs duty.
func Checkout(amount, weight float64) float64 {
	vat := billing.Compute(amount)
	duty := customs.Compute(weight)
	return amount + vat + duty
}

// Quote is the amount with customs duty only.
func Quote(amount, weight float64) float64 {
	return amount + customs.Compute(weight)
}

// Ship declares the parcel.
func Ship(amount, weight float64) customs.Declaration {
	return customs.DeclareParcel(weight, amount)
}
