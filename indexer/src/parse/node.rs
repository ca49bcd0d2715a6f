//! Small readings of syntax nodes and text shared by the parse: a node's
//! text and lines, and a string cut at a character boundary.

use tree_sitter::Node;

pub(crate) fn text_of(node: Node, source: &str) -> String {
    source.get(node.start_byte()..node.end_byte()).unwrap_or_default().to_string()
}

pub(crate) fn line_of(node: Node) -> u32 {
    node.start_position().row as u32 + 1
}

/// The last line a node covers; a node ending at column 0 ends on the line before.
pub(crate) fn end_line_of(node: Node) -> u32 {
    let end = node.end_position();
    let start = node.start_position();
    if end.column == 0 && end.row > start.row {
        end.row as u32
    } else {
        end.row as u32 + 1
    }
}

/// Cuts `text` to at most `max` bytes at a char boundary.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}
