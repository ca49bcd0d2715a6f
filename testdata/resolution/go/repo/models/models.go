// Package models holds invoices and carts, which each have a total.
package models

import "fmt"

// Invoice is a bill.
type Invoice struct{ Lines []float64 }

// Total sums the lines.
func (i Invoice) Total() float64 {
	sum := 0.0
	for _, l := range i.Lines {
		sum += l
	}
	return sum
}

// Summary describes the invoice.
func (i Invoice) Summary() string {
	return fmt.Sprintf("invoice of %.2f", i.Total())
}

// Cart is a basket of prices.
type Cart struct{ Prices []float64 }

// Total sums the prices.
func (c Cart) Total() float64 {
	sum := 0.0
	for _, p := range c.Prices {
		sum += p
	}
	return sum
}

// Describe describes the cart.
func (c Cart) Describe() string {
	return fmt.Sprintf("cart of %.2f", c.Total())
}

// GrandTotal sums the totals of invoices.
func GrandTotal(invoices []Invoice) float64 {
	sum := 0.0
	for _, inv := range invoices {
		sum += inv.Total()
	}
	return sum
}
