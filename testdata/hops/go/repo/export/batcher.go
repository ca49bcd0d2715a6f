// Package export writes invoice rows to files; Batcher is the writing loop every format embeds.
package export

import (
	"bufio"
	"io"
)

// Row is one invoice as ordered cells.
type Row []string

// Format renders a header and rows in one file format.
type Format interface {
	HeaderRow() string
	FormatRow(Row) string
}

// Batcher writes rows in batches; each batch is flushed on its own.
type Batcher struct {
	BatchSize int
}

// WriteRows writes rows in batches through format.
func (b Batcher) WriteRows(w io.Writer, rows []Row, format Format) (int, error) {
	size := b.BatchSize
	if size == 0 {
		size = 500
	}
	out := bufio.NewWriter(w)
	written := 0
	for start := 0; start < len(rows); start += size {
		if header := format.HeaderRow(); header != "" {
			out.WriteString(header)
		}
		for _, row := range rows[start:min(start+size, len(rows))] {
			out.WriteString(format.FormatRow(row))
			written++
		}
		if err := out.Flush(); err != nil {
			return written, err
		}
	}
	return written, nil
}
