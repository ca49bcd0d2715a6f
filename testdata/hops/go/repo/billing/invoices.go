package billing

// LineItem is one priced line of an invoice.
type LineItem struct {
	Description string
	Quantity    int
	UnitPrice   float64
	TaxRate     float64
}

// Invoice is a bill sent to a customer.
type Invoice struct {
	Number     string
	CustomerID string
	DueDay     int
	Items      []LineItem
	Subtotal   float64
	Tax        float64
	Total      float64
	Finalized  bool
	Penalties  []float64
}

// FinalizeInvoice freezes the invoice: every line item is priced, taxed and summed into the grand total.
func FinalizeInvoice(inv *Invoice) {
	if inv.Finalized {
		return
	}
	subtotal, tax := 0.0, 0.0
	for _, item := range inv.Items {
		line := float64(item.Quantity) * item.UnitPrice
		subtotal = RoundMoney(subtotal+line, 2)
		tax = RoundMoney(tax+line*item.TaxRate, 2)
	}
	inv.Subtotal, inv.Tax = subtotal, tax
	inv.Total = subtotal + tax
	inv.Finalized = true
}
