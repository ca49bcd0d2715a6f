//! Reads bank statements exported as CSV: detects the delimiter and skips the line of column names.

/// Semicolon files come from European banks; comma is the default delimiter.
pub fn sniff_delimiter(sample: &str) -> char {
    if sample.matches(';').count() > sample.matches(',').count() { ';' } else { ',' }
}

pub fn read_statement(text: &str) -> Vec<Vec<String>> {
    let delimiter = sniff_delimiter(&text[..text.len().min(2048)]);
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    lines
        .filter(|line| *line != header)
        .map(|line| line.split(delimiter).map(str::to_string).collect())
        .collect()
}
