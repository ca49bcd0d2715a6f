package models

// NewCart opens an empty cart.
func NewCart() *Cart {
	return &Cart{}
}

// PriceNewCart totals a freshly opened cart.
func PriceNewCart() float64 {
	c := NewCart()
	return c.Total()
}

// PriceInvoices totals invoices kept by name.
func PriceInvoices(byName map[string]*Invoice) float64 {
	sum := 0.0
	for _, inv := range byName {
		sum += inv.Total()
	}
	return sum
}
