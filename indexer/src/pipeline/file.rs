//! One file of a run: read, parsed and chunked on the rayon pool with its
//! text-index documents prepared (`process_file`), then appended to the
//! tables and the text index on the assembling thread (`add_file`).

use super::run::IndexOptions;
use crate::discover::git_state::{self, BlobId, UNKNOWN_BLOB};
use crate::discover::{Candidate, SkipReason, looks_binary};
use crate::parse::{ChunkSpan, Language, ParsedFile, Symbol, chunk_file, parse_source};
use crate::store::{ChunkRecord, FileFacts, SymbolRecord, TablesBuilder};
use crate::text_index::{ChunkText, TextIndexWriter};

/// A file read, parsed and chunked, with its text for the text index.
pub(crate) struct IndexedFile {
    /// The language it was parsed as (a header's refined, see [`Language::refine`]).
    pub(crate) language: Language,
    pub(crate) text: String,
    pub(crate) hash: u64,
    pub(crate) blob: BlobId,
    pub(crate) size: u64,
    pub(crate) parsed: ParsedFile,
    pub(crate) chunks: Vec<ChunkSpan>,
    pub(crate) line_starts: Vec<usize>,
    /// The text-index document of each chunk, in chunk order.
    documents: Vec<ChunkDocument>,
}

/// What the text index gets of one chunk besides its file's path, made on
/// the parsing threads so that the thread that assembles the tables and
/// feeds tantivy only moves strings.
struct ChunkDocument {
    names: String,
    doc: String,
    /// The chunk's bytes in the file's text.
    body: std::ops::Range<usize>,
    field_terms: [u32; 4],
}

/// What became of a file the plan said to parse.
pub(crate) enum Processed {
    Indexed(Box<IndexedFile>),
    Skipped(SkipReason),
}

/// Reads, parses and chunks one file; `git_blobs` says whether to compute
/// its git blob id (inside a git work tree).
pub(crate) fn process_file(candidate: &Candidate, options: &IndexOptions, git_blobs: bool) -> Processed {
    let bytes = match std::fs::read(&candidate.abs_path) {
        Ok(b) => b,
        Err(e) => return Processed::Skipped(SkipReason::Unreadable(e.to_string())),
    };
    // The file may have grown since discovery.
    if bytes.len() as u64 > options.discovery.max_file_bytes {
        return Processed::Skipped(SkipReason::TooLarge { bytes: bytes.len() as u64 });
    }
    if looks_binary(&bytes) {
        return Processed::Skipped(SkipReason::Binary);
    }
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    let blob = if git_blobs { git_state::blob_id(&bytes) } else { UNKNOWN_BLOB };
    let size = bytes.len() as u64;
    let mut diagnostics = Vec::new();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            diagnostics.push("invalid UTF-8; indexed with replacement characters".to_string());
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let language = candidate.language.refine(&candidate.path, &text);
    let mut parsed = if language == Language::Text {
        ParsedFile::default()
    } else {
        parse_source(language, &text)
    };
    parsed.diagnostics.splice(0..0, diagnostics);
    let lines: Vec<&str> = text.lines().collect();
    let chunks = chunk_file(&lines, &parsed.symbols, options.chunk_limits);
    let line_starts = line_starts(&text);
    let documents = chunk_documents(&candidate.path, &text, &line_starts, &chunks, &parsed.symbols);
    Processed::Indexed(Box::new(IndexedFile { language, text, hash, blob, size, parsed, chunks, line_starts, documents }))
}

/// The text-index documents of a file's chunks: each chunk's body, and the
/// qualified names and doc comments of the definitions that start in it or
/// that it is a part of.
fn chunk_documents(path: &str, text: &str, line_starts: &[usize], chunks: &[ChunkSpan], symbols: &[Symbol]) -> Vec<ChunkDocument> {
    let line_count = line_starts.len() - 1;
    // Symbols come in source order, so the ones starting in a chunk are a
    // range found by binary search (a scan of all of them per chunk was
    // quadratic in files of thousands of definitions).
    let sorted = symbols.is_sorted_by_key(|s| s.start_line);
    chunks
        .iter()
        .map(|chunk| {
            let from = line_starts[(chunk.start_line as usize - 1).min(line_count)];
            let to = line_starts[(chunk.end_line as usize).min(line_count)];
            let starts_inside = |s: &Symbol| s.start_line >= chunk.start_line && s.start_line <= chunk.end_line;
            let own = chunk.symbol.map(|s| s as usize);
            let shown: Vec<usize> = if sorted {
                let first = symbols.partition_point(|s| s.start_line < chunk.start_line);
                let end = symbols.partition_point(|s| s.start_line <= chunk.end_line);
                let before = own.filter(|&s| s < first);
                let after = own.filter(|&s| s >= end);
                before.into_iter().chain(first..end).chain(after).collect()
            } else {
                (0..symbols.len()).filter(|&i| starts_inside(&symbols[i]) || own == Some(i)).collect()
            };
            let mut names = String::new();
            let mut doc = String::new();
            for symbol in shown.into_iter().map(|i| &symbols[i]) {
                names.push_str(&symbol.qualified_name);
                names.push(' ');
                if let Some(d) = &symbol.doc {
                    doc.push_str(d);
                    doc.push('\n');
                }
            }
            let body = from..to.max(from);
            let field_terms = ChunkText { ordinal: 0, path, names: &names, doc: &doc, body: text.get(body.clone()).unwrap_or_default() }.field_terms();
            ChunkDocument { names, doc, body, field_terms }
        })
        .collect()
}

/// Byte offset of the start of each line, plus the text length at the end
/// (so line `n`, 1-based, is `starts[n-1]..starts[n]`; an empty text has no lines).
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    if text.is_empty() {
        return starts;
    }
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    if starts.last() == Some(&text.len()) {
        starts.pop();
    }
    starts.push(text.len());
    starts
}

/// Appends a parsed file to the tables and its chunks to the text index.
pub(crate) fn add_file(tables: &mut TablesBuilder, candidate: &Candidate, file: IndexedFile, writer: &TextIndexWriter) -> tantivy::Result<()> {
    let IndexedFile { language, text, hash, blob, size, parsed, chunks, line_starts, documents } = file;
    let symbol_base = tables.next_symbol();
    for symbol in &parsed.symbols {
        tables.push_symbol(&SymbolRecord {
            file: tables.next_file(),
            name: &symbol.name,
            kind: symbol.kind,
            qualified_name: &symbol.qualified_name,
            parent: symbol.parent.map(|p| p + symbol_base),
            start_line: symbol.start_line,
            end_line: symbol.end_line,
            signature: &symbol.signature,
            doc: symbol.doc.as_deref(),
        });
    }
    let line_count = (line_starts.len() - 1) as u32;
    for (ordinal, (chunk, document)) in chunks.iter().zip(&documents).enumerate() {
        writer.add(&ChunkText {
            ordinal: ordinal as u64,
            path: &candidate.path,
            names: &document.names,
            doc: &document.doc,
            body: text.get(document.body.clone()).unwrap_or_default(),
        })?;
        tables.push_chunk(&ChunkRecord {
            file: tables.next_file(),
            start_line: chunk.start_line,
            end_line: chunk.end_line,
            symbol: chunk.symbol.map(|s| s + symbol_base),
            kind: chunk.kind,
            field_terms: document.field_terms,
        });
    }
    for reference in &parsed.references {
        tables.push_reference(reference, reference.enclosing.map(|s| s + symbol_base));
    }
    for import in &parsed.imports {
        tables.push_import(&import.target, import.line);
    }
    for diagnostic in &parsed.diagnostics {
        tables.push_diagnostic(diagnostic);
    }
    for alias in &parsed.aliases {
        tables.push_alias(&alias.local, &alias.original, &alias.module);
    }
    tables.finish_file(&FileFacts {
        path: &candidate.path,
        language,
        size,
        mtime_ns: candidate.mtime_ns,
        hash,
        blob,
        lines: line_count,
        generated: parsed.generated,
    });
    Ok(())
}
