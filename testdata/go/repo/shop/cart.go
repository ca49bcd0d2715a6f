// Package shop keeps shopping carts.
package shop

import (
	"errors"
	"fmt"

	"example.com/shop/pricing"
)

// MaxItems caps the lines in one cart.
const MaxItems = 50

const (
	// CurrencyEUR is the default currency.
	CurrencyEUR = "EUR"
	CurrencyUSD = "USD"
)

var ErrFull = errors.New("cart is full")

// Line is one product line.
type Line struct {
	SKU   string
	Price float64
	Qty   int
}

// Cart holds lines for one owner.
type Cart struct {
	Owner string
	Lines []Line
}

// Totaler is anything with a total.
type Totaler interface {
	Total() float64
}

// Add appends a line, failing when the cart is full.
func (c *Cart) Add(sku string, price float64, qty int) error {
	if len(c.Lines) >= MaxItems {
		return ErrFull
	}
	c.Lines = append(c.Lines, Line{SKU: sku, Price: price, Qty: qty})
	return nil
}

// Total sums the lines after the house discount.
func (c Cart) Total() float64 {
	sum := 0.0
	for _, l := range c.Lines {
		sum += l.Price * float64(l.Qty)
	}
	return pricing.ApplyDiscount(sum, pricing.DefaultRate)
}

// NewCart makes an empty cart.
func NewCart(owner string) *Cart {
	fmt.Println("new cart for", owner)
	return &Cart{Owner: owner}
}
