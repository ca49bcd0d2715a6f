package export

import (
	"io"
	"strings"
)

var columns = []string{"number", "customer", "due", "total"}

// CsvExporter writes comma- or semicolon-separated files for spreadsheets.
type CsvExporter struct {
	Batcher
	Delimiter string
}

// HeaderRow is the line of column names at the top of the CSV file.
func (c CsvExporter) HeaderRow() string { return strings.Join(columns, c.Delimiter) + "\n" }

// FormatRow quotes cells that hold the delimiter.
func (c CsvExporter) FormatRow(row Row) string {
	cells := make([]string, len(row))
	for i, cell := range row {
		if strings.Contains(cell, c.Delimiter) || strings.Contains(cell, `"`) {
			cell = `"` + strings.ReplaceAll(cell, `"`, `""`) + `"`
		}
		cells[i] = cell
	}
	return strings.Join(cells, c.Delimiter) + "\n"
}

// Export writes the CSV file.
func (c CsvExporter) Export(w io.Writer, rows []Row) (int, error) { return c.WriteRows(w, rows, c) }
