// Package statement reads bank statements exported as CSV: detects the delimiter and skips the line of column names.
package statement

import "strings"

// SniffDelimiter: semicolon files come from European banks; comma is the default delimiter.
func SniffDelimiter(sample string) string {
	if strings.Count(sample, ";") > strings.Count(sample, ",") {
		return ";"
	}
	return ","
}

// ReadStatement splits a statement into rows, skipping repeated header rows.
func ReadStatement(text string) [][]string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	delimiter := SniffDelimiter(text[:min(len(text), 2048)])
	var rows [][]string
	for _, line := range lines[1:] {
		if line != lines[0] {
			rows = append(rows, strings.Split(line, delimiter))
		}
	}
	return rows
}
