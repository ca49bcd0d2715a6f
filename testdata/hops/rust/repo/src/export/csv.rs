//! Comma- or semicolon-separated files for spreadsheets.

use super::{Row, RowWriter};

const COLUMNS: [&str; 4] = ["number", "customer", "due", "total"];

pub struct CsvExporter {
    pub delimiter: char,
}

impl CsvExporter {
    fn quote(&self, cell: &str) -> String {
        if cell.contains(self.delimiter) || cell.contains('"') {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.to_string()
        }
    }
}

impl RowWriter for CsvExporter {
    /// The line of column names at the top of the CSV file.
    fn header_row(&self) -> Option<String> {
        Some(COLUMNS.join(&self.delimiter.to_string()) + "\n")
    }

    fn format_row(&self, row: &Row) -> String {
        let cells: Vec<String> = row.iter().map(|(_, v)| self.quote(v)).collect();
        cells.join(&self.delimiter.to_string()) + "\n"
    }
}
