//! Tree-sitter's included ranges: the parts of a file that are parsed when
//! others (a Go file's bodies and values) are left out, with the rows and
//! columns of their ends.

use std::ops::Range;

/// Tree-sitter's included ranges: the complement of `skipped` (sorted and
/// disjoint) within `source`.
pub(crate) fn included_ranges(source: &str, skipped: &[Range<usize>]) -> Vec<tree_sitter::Range> {
    let mut points = PointFinder::new(source.as_bytes());
    let mut ranges = Vec::with_capacity(skipped.len() + 1);
    let mut start = 0;
    for span in skipped.iter().chain(std::iter::once(&(source.len()..source.len()))) {
        ranges.push(tree_sitter::Range {
            start_byte: start,
            end_byte: span.start,
            start_point: points.at(start),
            end_point: points.at(span.start),
        });
        start = span.end;
    }
    ranges
}

/// Row and column (in bytes) of increasing offsets, counting lines once.
pub(crate) struct PointFinder<'a> {
    source: &'a [u8],
    offset: usize,
    row: usize,
    line_start: usize,
}

impl<'a> PointFinder<'a> {
    pub(crate) fn new(source: &'a [u8]) -> Self {
        PointFinder { source, offset: 0, row: 0, line_start: 0 }
    }

    pub(crate) fn at(&mut self, offset: usize) -> tree_sitter::Point {
        for (i, byte) in self.source[self.offset..offset].iter().enumerate() {
            if *byte == b'\n' {
                self.row += 1;
                self.line_start = self.offset + i + 1;
            }
        }
        self.offset = offset;
        tree_sitter::Point { row: self.row, column: offset - self.line_start }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn included_ranges_are_the_complement_with_rows_and_columns() {
        let source = "ab\ncd{xy\nz}e";
        let open = source.find('{').unwrap() + 1;
        let close = source.find('}').unwrap();
        let ranges = included_ranges(source, &[open..close]);
        assert_eq!(ranges.len(), 2);
        assert_eq!((ranges[0].start_byte, ranges[0].end_byte), (0, open));
        assert_eq!(ranges[0].end_point, tree_sitter::Point { row: 1, column: 3 });
        assert_eq!((ranges[1].start_byte, ranges[1].end_byte), (close, source.len()));
        assert_eq!(ranges[1].start_point, tree_sitter::Point { row: 2, column: 1 });
        assert_eq!(ranges[1].end_point, tree_sitter::Point { row: 2, column: 3 });
    }
}
