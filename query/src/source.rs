//! File text for rendering, read from the working tree once per pack.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The text of one file with its line offsets.
pub struct FileText {
    text: String,
    /// Byte offset of each line's start, plus the text length at the end.
    line_starts: Vec<usize>,
}

impl FileText {
    fn new(text: String) -> FileText {
        let line_starts = ctx_indexer::line_starts(&text);
        FileText { text, line_starts }
    }

    /// Number of lines.
    pub fn line_count(&self) -> u32 {
        (self.line_starts.len() - 1) as u32
    }

    /// Lines `start..=end` (1-based), clamped to the file, without the final newline.
    pub fn lines(&self, start: u32, end: u32) -> &str {
        let count = self.line_count();
        if count == 0 || start > count || end < start {
            return "";
        }
        let end = end.min(count);
        let from = self.line_starts[start as usize - 1];
        let to = self.line_starts[end as usize];
        self.text[from..to].trim_end_matches(['\n', '\r'])
    }
}

/// Reads each file at most once.
#[derive(Default)]
pub struct SourceCache {
    files: HashMap<String, Option<Arc<FileText>>>,
}

impl SourceCache {
    /// The text of `root/path`, or `None` if it cannot be read now.
    pub fn get(&mut self, root: &Path, path: &str) -> Option<Arc<FileText>> {
        self.files
            .entry(path.to_string())
            .or_insert_with(|| {
                let bytes = std::fs::read(root.join(path)).ok()?;
                Some(Arc::new(FileText::new(String::from_utf8_lossy(&bytes).into_owned())))
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_lines() {
        let f = FileText::new("a\nbb\r\nccc\n".to_string());
        assert_eq!(f.line_count(), 3);
        assert_eq!(f.lines(2, 3), "bb\r\nccc");
        assert_eq!(f.lines(3, 9), "ccc");
        assert_eq!(f.lines(4, 5), "");
    }
}
