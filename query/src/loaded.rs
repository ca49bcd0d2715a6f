//! An opened index generation: tables, the text index and the lookup maps
//! retrieval needs. Opening never writes anything.

use ctx_indexer::{Generation, StoreError, TablesView, TextIndexReader, find_root};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Errors of reading an index.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The index is missing, damaged or of another version.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A search failed inside tantivy.
    #[error("search failed: {0}")]
    Search(#[from] tantivy::TantivyError),
    /// The request is invalid.
    #[error("{0}")]
    BadRequest(String),
}

/// One index generation opened for reading.
pub struct LoadedIndex {
    /// The repository root the paths are relative to.
    pub root: PathBuf,
    /// The generation opened.
    pub generation: Generation,
    /// Files, symbols, chunks and references, read in place.
    pub tables: TablesView,
    /// The BM25 index over chunks.
    pub text: TextIndexReader,
    /// BM25 statistics of the live chunks.
    pub(crate) corpus: ctx_indexer::CorpusStats,
    /// File ids by file name (the last path component), made on first use.
    files_by_name: std::sync::OnceLock<HashMap<Box<str>, Vec<u32>>>,
}

impl LoadedIndex {
    /// Opens the index of the root at or above `start`.
    pub fn open(start: &Path) -> Result<LoadedIndex, QueryError> {
        let root = find_root(start)?;
        Self::open_root(&root)
    }

    /// Opens the index of exactly `root`.
    pub fn open_root(root: &Path) -> Result<LoadedIndex, QueryError> {
        let generation = Generation::open(root)?;
        let tables = generation.read_tables()?;
        let text_dir = generation.text_dir();
        let text = TextIndexReader::open(&text_dir).map_err(|source| StoreError::Corrupt {
            path: text_dir.clone(),
            why: source.to_string(),
        })?;
        // The text index holds the live chunks (a delta's hidden ones are deleted documents).
        if text.num_docs() != tables.live_chunks_len() as u64 {
            return Err(StoreError::Corrupt {
                path: text_dir,
                why: format!("{} chunk documents where the tables hold {}", text.num_docs(), tables.live_chunks_len()),
            }
            .into());
        }
        let mut corpus = ctx_indexer::CorpusStats { documents: tables.live_chunks_len() as u64, field_terms: [0; 4] };
        match generation.manifest.stats.field_terms {
            // Summed by the writer: opening reads no chunk row for them.
            Some(totals) => corpus.field_terms = totals,
            None => {
                for (_, chunk) in tables.chunks() {
                    for (total, terms) in corpus.field_terms.iter_mut().zip(chunk.field_terms) {
                        *total += u64::from(terms);
                    }
                }
            }
        }
        Ok(LoadedIndex { root: root.to_path_buf(), generation, tables, text, corpus, files_by_name: Default::default() })
    }

    /// The files named `name` (their last path component), in path order.
    /// A task that mentions many paths and modules looks up many names;
    /// scanning every path for each was seconds of a pack on the Linux tree.
    pub fn files_named(&self, name: &str) -> &[u32] {
        let by_name = self.files_by_name.get_or_init(|| {
            let mut by_name: HashMap<Box<str>, Vec<u32>> = HashMap::default();
            for (id, file) in self.tables.files() {
                let path = file.path;
                by_name.entry(path.rsplit('/').next().unwrap_or(path).into()).or_default().push(id);
            }
            by_name
        });
        by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Symbols whose name matches `name` fuzzily: ignoring case and
    /// underscores, so `parse_line`, `parseLine` and `ParseLine` meet.
    pub fn symbols_named(&self, name: &str) -> std::borrow::Cow<'_, [u32]> {
        self.tables.symbols_named(name)
    }

    /// The chunk id of a text-index hit, if it names a chunk of the tables.
    pub fn chunk_of_hit(&self, file_key: u64, ordinal: u32) -> Option<u32> {
        let file = self.tables.file(self.tables.file_by_key(file_key)?);
        let chunk = file.chunks.0.checked_add(ordinal)?;
        (chunk < file.chunks.1).then_some(chunk)
    }

    /// The chunk ids of a symbol: those it owns, or else the one holding its start.
    pub fn chunks_of_symbol(&self, symbol: u32) -> Vec<u32> {
        let record = self.tables.symbol(symbol);
        let (from, to) = self.tables.file(record.file).chunks;
        let owned: Vec<u32> = (from..to)
            .filter(|&c| self.tables.chunk(c).symbol == Some(symbol))
            .collect();
        if !owned.is_empty() {
            return owned;
        }
        (from..to)
            .filter(|&c| {
                let chunk = self.tables.chunk(c);
                chunk.start_line <= record.start_line && record.start_line <= chunk.end_line
            })
            .collect()
    }

    /// Whether the file on disk still matches what was indexed (size and mtime).
    pub fn is_stale(&self, file: u32) -> bool {
        let record = self.tables.file(file);
        let Ok(metadata) = std::fs::metadata(self.root.join(record.path)) else { return true };
        metadata.len() != record.size || ctx_indexer::discover::mtime_ns(&metadata) != record.mtime_ns
    }
}

