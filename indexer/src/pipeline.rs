//! One index run: discover, then read, parse and chunk files in parallel
//! batches, stream chunk documents into tantivy, and commit a new generation.
//! Only one batch of file text is held at a time, so memory stays bounded.

use crate::chunk::{ChunkLimits, ChunkSpan, chunk_file};
use crate::discover::{Candidate, DiscoveryOptions, SkipReason, SkippedFile, discover, looks_binary};
use crate::language::Language;
use crate::parse::parse_source;
use crate::store::{IndexStats, Manifest, PendingGeneration, StoreError, WriterLock};
use crate::symbol::ParsedFile;
use crate::tables::{ChunkRecord, FileRecord, ReferenceRecord, SymbolRecord, Tables};
use crate::text_index::{ChunkText, TextIndexWriter};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Settings of an index run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// What discovery includes.
    pub discovery: DiscoveryOptions,
    /// How files are chunked.
    pub chunk_limits: ChunkLimits,
    /// Files read and parsed per batch.
    pub batch_files: usize,
    /// Memory for tantivy's indexing buffers, in bytes.
    pub writer_memory_bytes: usize,
    /// Whether to wait when another process holds the writer lock.
    pub wait_for_lock: bool,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            discovery: DiscoveryOptions::default(),
            chunk_limits: ChunkLimits::default(),
            batch_files: 1024,
            writer_memory_bytes: 256 << 20,
            wait_for_lock: true,
        }
    }
}

/// Progress of an index run, for a progress display.
#[derive(Debug, Clone, Copy)]
pub enum IndexProgress {
    /// Another process is indexing this root; waiting for it.
    WaitingForLock,
    /// Discovery finished with this many files to index.
    Discovered {
        /// Files to index.
        files: usize,
    },
    /// Files read and parsed so far.
    Parsed {
        /// Done.
        done: usize,
        /// Total.
        total: usize,
    },
}

/// What an index run did.
#[derive(Debug, Clone)]
pub struct IndexReport {
    /// The manifest of the new generation.
    pub manifest: Manifest,
    /// Files passed over, with reasons.
    pub skipped: Vec<SkippedFile>,
    /// Files indexed with diagnostics (parse errors, invalid UTF-8).
    pub files_with_diagnostics: usize,
    /// Wall time of the run.
    pub elapsed: Duration,
}

/// Errors that stop an index run. Problems with single files never do.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The root is missing or not a directory.
    #[error("cannot index {path}: {why}")]
    BadRoot {
        /// The root given.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// Another process is writing the index and waiting was not wanted.
    #[error("another ctx process is indexing {root}; try again when it finishes")]
    Locked {
        /// The root.
        root: PathBuf,
    },
    /// Reading or writing `.ctx/` failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Builds a new index generation for `root`. The previous generation stays
/// readable until the new one is complete.
pub fn build_index(
    root: &Path,
    options: &IndexOptions,
    progress: &mut dyn FnMut(IndexProgress),
) -> Result<IndexReport, IndexError> {
    let started = Instant::now();
    let metadata = std::fs::metadata(root)
        .map_err(|e| IndexError::BadRoot { path: root.to_path_buf(), why: e.to_string() })?;
    if !metadata.is_dir() {
        return Err(IndexError::BadRoot { path: root.to_path_buf(), why: "not a directory".into() });
    }
    std::fs::read_dir(root).map_err(|e| IndexError::BadRoot { path: root.to_path_buf(), why: e.to_string() })?;
    let root = std::fs::canonicalize(root)
        .map_err(|e| IndexError::BadRoot { path: root.to_path_buf(), why: e.to_string() })?;

    let mut waited = false;
    let lock = WriterLock::acquire(&root, options.wait_for_lock, || waited = true)?
        .ok_or_else(|| IndexError::Locked { root: root.clone() })?;
    if waited {
        progress(IndexProgress::WaitingForLock);
    }
    let pending = PendingGeneration::begin(&root, lock)?;

    let discovery = discover(&root, &options.discovery);
    let total = discovery.candidates.len();
    progress(IndexProgress::Discovered { files: total });

    let text_dir = pending.text_dir();
    let threads = rayon::current_num_threads().clamp(1, 4);
    let writer = TextIndexWriter::create(&text_dir, threads, options.writer_memory_bytes)
        .map_err(|source| StoreError::Text { path: text_dir.clone(), source })?;

    let mut assembler = TablesAssembler::default();
    assembler.tables.skipped = discovery.skipped;
    let mut done = 0;
    for batch in discovery.candidates.chunks(options.batch_files.max(1)) {
        let processed: Vec<Processed> =
            batch.par_iter().map(|c| process_file(c, options)).collect();
        for (candidate, outcome) in batch.iter().zip(processed) {
            match outcome {
                Processed::Skipped(reason) => assembler.tables.skipped.push(SkippedFile {
                    path: candidate.path.clone(),
                    reason,
                }),
                Processed::Indexed(file) => assembler
                    .add(candidate, file, &writer)
                    .map_err(|source| StoreError::Text { path: text_dir.clone(), source })?,
            }
        }
        done += batch.len();
        progress(IndexProgress::Parsed { done, total });
    }
    writer.finish().map_err(|source| StoreError::Text { path: text_dir.clone(), source })?;

    let mut tables = assembler.tables;
    tables.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let files_with_diagnostics = tables.files.iter().filter(|f| !f.diagnostics.is_empty()).count();
    let stats = IndexStats {
        files: tables.files.len() as u64,
        symbols: tables.symbols.len() as u64,
        chunks: tables.chunks.len() as u64,
        skipped: tables.skipped.len() as u64,
        lines: tables.files.iter().map(|f| f.lines as u64).sum(),
        bytes: tables.files.iter().map(|f| f.size).sum(),
    };
    let skipped = tables.skipped.clone();
    let manifest = pending.commit(&tables, stats)?;
    Ok(IndexReport { manifest, skipped, files_with_diagnostics, elapsed: started.elapsed() })
}

/// A file read, parsed and chunked, with its text for the text index.
struct IndexedFile {
    text: String,
    hash: u64,
    size: u64,
    parsed: ParsedFile,
    chunks: Vec<ChunkSpan>,
    line_starts: Vec<usize>,
}

enum Processed {
    Indexed(Box<IndexedFile>),
    Skipped(SkipReason),
}

fn process_file(candidate: &Candidate, options: &IndexOptions) -> Processed {
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
    let size = bytes.len() as u64;
    let mut diagnostics = Vec::new();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            diagnostics.push("invalid UTF-8; indexed with replacement characters".to_string());
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let mut parsed = if candidate.language == Language::Text {
        ParsedFile::default()
    } else {
        parse_source(candidate.language, &text)
    };
    parsed.diagnostics.splice(0..0, diagnostics);
    let lines: Vec<&str> = text.lines().collect();
    let chunks = chunk_file(&lines, &parsed.symbols, options.chunk_limits);
    let line_starts = line_starts(&text);
    Processed::Indexed(Box::new(IndexedFile { text, hash, size, parsed, chunks, line_starts }))
}

/// Byte offset of the start of each line, plus the text length at the end.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    if text.is_empty() {
        return starts;
    }
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    if starts.last() == Some(&text.len()) && text.len() > 0 {
        starts.pop();
    }
    starts.push(text.len());
    starts
}

/// Appends files to the tables in order, assigning global ids.
#[derive(Default)]
struct TablesAssembler {
    tables: Tables,
    name_ids: HashMap<String, u32>,
}

impl TablesAssembler {
    fn add(&mut self, candidate: &Candidate, file: Box<IndexedFile>, writer: &TextIndexWriter) -> tantivy::Result<()> {
        let IndexedFile { text, hash, size, parsed, chunks, line_starts } = *file;
        let file_id = self.tables.files.len() as u32;
        let symbol_base = self.tables.symbols.len() as u32;
        let chunk_base = self.tables.chunks.len() as u32;
        for symbol in &parsed.symbols {
            self.tables.symbols.push(SymbolRecord {
                file: file_id,
                name: symbol.name.clone(),
                kind: symbol.kind,
                qualified_name: symbol.qualified_name.clone(),
                parent: symbol.parent.map(|p| p + symbol_base),
                start_line: symbol.start_line,
                end_line: symbol.end_line,
                signature: symbol.signature.clone(),
                doc: symbol.doc.clone(),
            });
        }
        let line_count = (line_starts.len() - 1) as u32;
        for (ordinal, chunk) in chunks.iter().enumerate() {
            let chunk_id = chunk_base + ordinal as u32;
            self.tables.chunks.push(ChunkRecord {
                file: file_id,
                start_line: chunk.start_line,
                end_line: chunk.end_line,
                symbol: chunk.symbol.map(|s| s + symbol_base),
                kind: chunk.kind,
            });
            let from = line_starts[(chunk.start_line as usize - 1).min(line_count as usize)];
            let to = line_starts[(chunk.end_line as usize).min(line_count as usize)];
            let mut names = String::new();
            let mut doc = String::new();
            for (i, symbol) in parsed.symbols.iter().enumerate() {
                let inside = symbol.start_line >= chunk.start_line && symbol.start_line <= chunk.end_line;
                if inside || chunk.symbol == Some(i as u32) {
                    names.push_str(&symbol.qualified_name);
                    names.push(' ');
                    if let Some(d) = &symbol.doc {
                        doc.push_str(d);
                        doc.push('\n');
                    }
                }
            }
            writer.add(&ChunkText {
                chunk: chunk_id as u64,
                file: file_id as u64,
                path: &candidate.path,
                names,
                doc,
                body: text.get(from..to).unwrap_or_default(),
            })?;
        }
        for reference in &parsed.references {
            let next = self.name_ids.len() as u32;
            let name = *self.name_ids.entry(reference.name.clone()).or_insert_with(|| {
                self.tables.names.push(reference.name.clone());
                next
            });
            self.tables.references.push(ReferenceRecord {
                file: file_id,
                name,
                line: reference.line,
                enclosing: reference.enclosing.map(|s| s + symbol_base),
                is_call: reference.is_call,
            });
        }
        self.tables.files.push(FileRecord {
            path: candidate.path.clone(),
            language: candidate.language,
            size,
            mtime_ns: candidate.mtime_ns,
            hash,
            lines: line_count,
            symbols: (symbol_base, self.tables.symbols.len() as u32),
            chunks: (chunk_base, self.tables.chunks.len() as u32),
            imports: parsed.imports,
            diagnostics: parsed.diagnostics,
        });
        Ok(())
    }
}
