//! The tables of an index generation: files, symbols, chunks, references and
//! skipped files, with global ids. Serialized with postcard inside a framed,
//! checksummed file (see `docs/format.md`).

use crate::chunk::ChunkKind;
use crate::discover::SkippedFile;
use crate::language::Language;
use crate::symbol::{Import, SymbolKind};
use serde::{Deserialize, Serialize};

/// One indexed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// Path relative to the root, `/`-separated.
    pub path: String,
    /// Detected language.
    pub language: Language,
    /// Size in bytes when indexed.
    pub size: u64,
    /// Modification time (ns since the epoch) when indexed.
    pub mtime_ns: u64,
    /// xxh3 of the content when indexed.
    pub hash: u64,
    /// Number of lines.
    pub lines: u32,
    /// Range of this file's symbols in [`Tables::symbols`].
    pub symbols: (u32, u32),
    /// Range of this file's chunks in [`Tables::chunks`].
    pub chunks: (u32, u32),
    /// Range of this file's references in [`Tables::references`].
    pub references: (u32, u32),
    /// Imports, as written.
    pub imports: Vec<Import>,
    /// Problems met while reading or parsing it.
    pub diagnostics: Vec<String>,
}

/// One definition, with global ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SymbolRecord {
    /// The file it is defined in.
    pub file: u32,
    /// The name.
    pub name: String,
    /// The kind.
    pub kind: SymbolKind,
    /// The qualified name.
    pub qualified_name: String,
    /// The enclosing definition.
    pub parent: Option<u32>,
    /// First line (1-based).
    pub start_line: u32,
    /// Last line (inclusive).
    pub end_line: u32,
    /// The declaration up to its body.
    pub signature: String,
    /// The doc comment.
    pub doc: Option<String>,
}

/// One chunk, with global ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkRecord {
    /// The file.
    pub file: u32,
    /// First line (1-based).
    pub start_line: u32,
    /// Last line (inclusive).
    pub end_line: u32,
    /// The definition it belongs to.
    pub symbol: Option<u32>,
    /// What it holds.
    pub kind: ChunkKind,
    /// Terms in each text field (path, names, doc, body), for exact BM25
    /// statistics however the text index is segmented.
    pub field_terms: [u32; 4],
}

/// One identifier use, kept for the symbol graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceRecord {
    /// The file it appears in.
    pub file: u32,
    /// Index into [`Tables::names`].
    pub name: u32,
    /// Line of its first use in the enclosing definition.
    pub line: u32,
    /// The enclosing definition.
    pub enclosing: Option<u32>,
    /// Whether it is a call.
    pub is_call: bool,
}

/// Everything an index generation knows besides the text index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tables {
    /// Indexed files, sorted by path.
    pub files: Vec<FileRecord>,
    /// Definitions, grouped by file in file order.
    pub symbols: Vec<SymbolRecord>,
    /// Chunks, grouped by file in file order.
    pub chunks: Vec<ChunkRecord>,
    /// Interned identifier names of references.
    pub names: Vec<String>,
    /// References, grouped by file.
    pub references: Vec<ReferenceRecord>,
    /// Files passed over, with reasons.
    pub skipped: Vec<SkippedFile>,
}

impl Tables {
    /// The index of the file at `path`, if indexed.
    pub fn file_by_path(&self, path: &str) -> Option<u32> {
        self.files.binary_search_by(|f| f.path.as_str().cmp(path)).ok().map(|i| i as u32)
    }
}
