//! Symbol-aligned chunking: the units that are searched, ranked and packed.
//!
//! A function or method is one chunk; a definition too large for one chunk
//! that holds members becomes its header plus its members; code between
//! definitions is grouped; anything still too large is split on line
//! boundaries. Chunks of one file never overlap and cover every non-blank line.

use super::symbol::{Symbol, SymbolKind};
use serde::{Deserialize, Serialize};

/// What a chunk holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChunkKind {
    /// A whole definition with everything inside it.
    Definition,
    /// The opening of a large definition, before its first member.
    Header,
    /// Code of a large definition between or after its members.
    Interior,
    /// Top-level code between definitions (imports, statements, globals).
    TopLevel,
    /// One line-aligned piece of a definition too large for one chunk.
    Part,
}

/// A chunk of one file, in lines (1-based, inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkSpan {
    /// First line.
    pub start_line: u32,
    /// Last line.
    pub end_line: u32,
    /// The file-local index of the definition it belongs to, if any.
    pub symbol: Option<u32>,
    /// What it holds.
    pub kind: ChunkKind,
}

/// Chunking limits.
#[derive(Debug, Clone, Copy)]
pub struct ChunkLimits {
    /// A definition longer than this many lines is split.
    pub max_lines: u32,
}

impl Default for ChunkLimits {
    fn default() -> Self {
        ChunkLimits { max_lines: 150 }
    }
}

/// One-line macros a file holds at least for them to be grouped (when they
/// are also half of its definitions or more).
const MACRO_FILE_MIN: usize = 32;

/// Chunks a file. `lines` are the file's lines (for blank detection);
/// `symbols` are sorted by start with parents before children.
pub fn chunk_file(lines: &[&str], symbols: &[Symbol], limits: ChunkLimits) -> Vec<ChunkSpan> {
    let line_count = lines.len() as u32;
    if line_count == 0 {
        return Vec::new();
    }
    let mut children: Vec<Vec<u32>> = vec![Vec::new(); symbols.len()];
    let mut roots = Vec::new();
    let one_line_macro = |symbol: &Symbol| symbol.kind == SymbolKind::Macro && symbol.start_line == symbol.end_line;
    // In a file made mostly of them (Linux's register headers: a million
    // `#define`s), one-line macros are grouped as constants are; elsewhere
    // each is a chunk, which a pack shows for a line.
    let macros = symbols.iter().filter(|s| one_line_macro(s)).count();
    let group_macros = macros >= MACRO_FILE_MIN && macros * 2 >= symbols.len();
    for (i, symbol) in symbols.iter().enumerate() {
        // Constants stay with the code around them: one chunk per `X = 1`
        // would flood the index with fragments.
        if symbol.kind == SymbolKind::Constant || (group_macros && one_line_macro(symbol)) {
            continue;
        }
        match symbol.parent {
            Some(p) => children[p as usize].push(i as u32),
            None => roots.push(i as u32),
        }
    }
    let chunker = Chunker { lines, symbols, children: &children, limits };
    let mut out = Vec::new();
    chunker.region(1, line_count, &roots, None, ChunkKind::TopLevel, &mut out);
    out
}

struct Chunker<'a> {
    lines: &'a [&'a str],
    symbols: &'a [Symbol],
    children: &'a [Vec<u32>],
    limits: ChunkLimits,
}

impl Chunker<'_> {
    /// Chunks lines `first..=last`, which hold the definitions `members`.
    /// Gaps become chunks of `gap_kind` owned by `owner`.
    fn region(
        &self,
        first: u32,
        last: u32,
        members: &[u32],
        owner: Option<u32>,
        gap_kind: ChunkKind,
        out: &mut Vec<ChunkSpan>,
    ) {
        let mut cursor = first;
        for &member in members {
            let symbol = &self.symbols[member as usize];
            // Attached comments and decorators go with the definition, unless
            // an earlier chunk already took those lines.
            let start = symbol.leading_line.min(symbol.start_line).max(cursor);
            let end = symbol.end_line.min(last);
            if end < start {
                continue;
            }
            if start > cursor {
                self.gap(cursor, start - 1, owner, gap_kind, out);
            }
            self.definition(member, start, end, out);
            cursor = end + 1;
        }
        if cursor <= last {
            self.gap(cursor, last, owner, gap_kind, out);
        }
    }

    fn definition(&self, index: u32, start: u32, end: u32, out: &mut Vec<ChunkSpan>) {
        let fits = end - start < self.limits.max_lines;
        let members = &self.children[index as usize];
        if fits {
            out.push(ChunkSpan { start_line: start, end_line: end, symbol: Some(index), kind: ChunkKind::Definition });
            return;
        }
        if members.is_empty() {
            self.split(start, end, Some(index), ChunkKind::Part, out);
            return;
        }
        // Header: from the start to the line before the first member's comments.
        let first_member = &self.symbols[members[0] as usize];
        let header_end = first_member.leading_line.min(first_member.start_line).saturating_sub(1).max(start);
        let header_end = if header_end >= first_member.start_line { start } else { header_end };
        self.split(start, header_end, Some(index), ChunkKind::Header, out);
        self.region(header_end + 1, end, members, Some(index), ChunkKind::Interior, out);
    }

    /// Emits non-blank runs of `first..=last` as chunks, splitting long ones.
    fn gap(&self, first: u32, last: u32, owner: Option<u32>, kind: ChunkKind, out: &mut Vec<ChunkSpan>) {
        let blank = |line: u32| self.lines.get(line as usize - 1).is_none_or(|l| l.trim().is_empty());
        let mut start = first;
        while start <= last && blank(start) {
            start += 1;
        }
        let mut end = last;
        while end >= start && blank(end) {
            end -= 1;
        }
        if start <= end {
            self.split(start, end, owner, kind, out);
        }
    }

    /// Emits `first..=last` as pieces of at most `max_lines`, preferring to
    /// cut after a blank line near the limit.
    fn split(&self, first: u32, last: u32, symbol: Option<u32>, kind: ChunkKind, out: &mut Vec<ChunkSpan>) {
        let max = self.limits.max_lines.max(1);
        let mut start = first;
        while start <= last {
            let mut end = (start + max - 1).min(last);
            if end < last {
                let floor = start + max / 2;
                if let Some(blank) = (floor..=end)
                    .rev()
                    .find(|&l| self.lines.get(l as usize - 1).is_some_and(|t| t.trim().is_empty()))
                {
                    end = blank;
                }
            }
            out.push(ChunkSpan { start_line: start, end_line: end, symbol, kind });
            start = end + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Language, parse_source};

    fn chunks_of(source: &str, max_lines: u32) -> Vec<(u32, u32, ChunkKind)> {
        chunks_in(Language::Python, source, max_lines)
    }

    fn chunks_in(language: Language, source: &str, max_lines: u32) -> Vec<(u32, u32, ChunkKind)> {
        let parsed = parse_source(language, source);
        let lines: Vec<&str> = source.lines().collect();
        chunk_file(&lines, &parsed.symbols, ChunkLimits { max_lines })
            .into_iter()
            .map(|c| (c.start_line, c.end_line, c.kind))
            .collect()
    }

    #[test]
    fn functions_are_whole_chunks_and_gaps_are_grouped() {
        let source = "import os\nX = 1\n\n# helper\ndef f():\n    return 1\n\n\ndef g():\n    pass\nprint(f())\n";
        assert_eq!(
            chunks_of(source, 50),
            vec![
                (1, 2, ChunkKind::TopLevel),
                (4, 6, ChunkKind::Definition),
                (9, 10, ChunkKind::Definition),
                (11, 11, ChunkKind::TopLevel),
            ]
        );
    }

    #[test]
    fn large_class_is_header_plus_members() {
        let mut source = String::from("class A:\n    \"\"\"Doc.\"\"\"\n    x = 1\n");
        for i in 0..4 {
            source.push_str(&format!("    def m{i}(self):\n        a = 1\n        return a\n"));
        }
        let chunks = chunks_of(&source, 5);
        assert_eq!(chunks[0], (1, 3, ChunkKind::Header));
        assert!(chunks.contains(&(4, 6, ChunkKind::Definition)));
        // Every line is covered exactly once.
        let covered: u32 = chunks.iter().map(|(s, e, _)| e - s + 1).sum();
        assert_eq!(covered, source.lines().count() as u32);
    }

    #[test]
    fn oversized_function_is_split_on_lines() {
        let mut source = String::from("def big():\n");
        for i in 0..20 {
            source.push_str(&format!("    x{i} = {i}\n"));
        }
        let chunks = chunks_of(&source, 8);
        assert!(chunks.len() >= 3);
        assert!(chunks.iter().all(|(s, e, k)| e - s < 8 && *k == ChunkKind::Part));
        assert_eq!(chunks.last().map(|c| c.1), Some(21));
    }

    #[test]
    fn one_line_macros_are_grouped_only_in_a_file_made_of_them() {
        let mut header = String::from("#ifndef REGS_H\n#define REGS_H\n");
        for i in 0..40 {
            header.push_str(&format!("#define REG_{i}__SHIFT 0x{i:x}\n"));
        }
        header.push_str("#endif\n");
        let chunks = chunks_in(Language::C, &header, 150);
        assert_eq!(chunks, vec![(1, 43, ChunkKind::TopLevel)], "a register header is one chunk, not one per line");
        // In ordinary code a macro keeps its chunk: a pack shows it for a line.
        let code = "#define LIMIT 8\n\nint clamp(int x) {\n    return x > LIMIT ? LIMIT : x;\n}\n";
        assert_eq!(chunks_in(Language::C, code, 150), vec![(1, 1, ChunkKind::Definition), (3, 5, ChunkKind::Definition)]);
    }
}
