package billing

// Row is one line of a report.
type Row struct {
	Amount float64
	Total  float64
}

// Summarize adds up the row totals.
func Summarize(rows []Row) float64 {
	Compute := func(r Row) float64 { return r.Total }
	sum := 0.0
	for _, r := range rows {
		sum += Compute(r)
	}
	return sum
}

// VatTotal adds up the VAT of the rows.
func VatTotal(rows []Row) float64 {
	sum := 0.0
	for _, r := range rows {
		sum += Compute(r.Amount)
	}
	return sum
}
