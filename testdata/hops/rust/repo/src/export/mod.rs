//! Writers of invoice rows to files: the shared writing loop of every format.

pub mod csv;

use std::io::{self, Write};

pub type Row = Vec<(String, String)>;

pub trait RowWriter {
    const BATCH_SIZE: usize = 500;

    fn header_row(&self) -> Option<String> {
        None
    }

    fn format_row(&self, row: &Row) -> String;

    /// Writes rows in batches; each batch is flushed on its own.
    fn write_rows(&self, out: &mut dyn Write, rows: &[Row]) -> io::Result<usize> {
        let mut written = 0;
        for batch in rows.chunks(Self::BATCH_SIZE) {
            if let Some(header) = self.header_row() {
                out.write_all(header.as_bytes())?;
            }
            for row in batch {
                out.write_all(self.format_row(row).as_bytes())?;
                written += 1;
            }
            out.flush()?;
        }
        Ok(written)
    }
}
