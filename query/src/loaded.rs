//! An opened index generation: tables, the text index and the lookup maps
//! retrieval needs. Opening never writes anything.

use ctx_indexer::{Generation, StoreError, Tables, TextIndexReader, find_root};
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
    /// Files, symbols, chunks and references.
    pub tables: Tables,
    /// The BM25 index over chunks.
    pub text: TextIndexReader,
    /// BM25 statistics of the live chunks.
    pub(crate) corpus: ctx_indexer::CorpusStats,
    /// File key (xxh3 of the path, as in the text index) to file id.
    pub(crate) by_file_key: HashMap<u64, u32>,
    /// Normalised symbol name (see [`name_key`]) to symbol ids.
    pub(crate) by_name: HashMap<String, Vec<u32>>,
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
        if text.num_docs() != tables.chunks.len() as u64 {
            return Err(StoreError::Corrupt {
                path: text_dir,
                why: format!("{} chunk documents where the tables hold {}", text.num_docs(), tables.chunks.len()),
            }
            .into());
        }
        let mut by_name: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, symbol) in tables.symbols.iter().enumerate() {
            by_name.entry(name_key(&symbol.name)).or_default().push(id as u32);
        }
        let by_file_key = tables
            .files
            .iter()
            .enumerate()
            .map(|(id, f)| (ctx_indexer::text_index::file_key(&f.path), id as u32))
            .collect();
        let mut corpus = ctx_indexer::CorpusStats { documents: tables.chunks.len() as u64, field_terms: [0; 4] };
        for chunk in &tables.chunks {
            for (total, terms) in corpus.field_terms.iter_mut().zip(chunk.field_terms) {
                *total += u64::from(terms);
            }
        }
        Ok(LoadedIndex { root: root.to_path_buf(), generation, tables, text, corpus, by_file_key, by_name })
    }

    /// Symbols whose name matches `name` fuzzily: ignoring case and
    /// underscores, so `parse_line`, `parseLine` and `ParseLine` meet.
    pub fn symbols_named(&self, name: &str) -> &[u32] {
        self.by_name.get(&name_key(name)).map(Vec::as_slice).unwrap_or_default()
    }

    /// The chunk id of a text-index hit, if it names a chunk of the tables.
    pub fn chunk_of_hit(&self, file_key: u64, ordinal: u32) -> Option<u32> {
        let file = &self.tables.files[*self.by_file_key.get(&file_key)? as usize];
        let chunk = file.chunks.0.checked_add(ordinal)?;
        (chunk < file.chunks.1).then_some(chunk)
    }

    /// The chunk ids of a symbol: those it owns, or else the one holding its start.
    pub fn chunks_of_symbol(&self, symbol: u32) -> Vec<u32> {
        let record = &self.tables.symbols[symbol as usize];
        let (from, to) = self.tables.files[record.file as usize].chunks;
        let owned: Vec<u32> = (from..to)
            .filter(|&c| self.tables.chunks[c as usize].symbol == Some(symbol))
            .collect();
        if !owned.is_empty() {
            return owned;
        }
        (from..to)
            .filter(|&c| {
                let chunk = &self.tables.chunks[c as usize];
                chunk.start_line <= record.start_line && record.start_line <= chunk.end_line
            })
            .collect()
    }

    /// Whether the file on disk still matches what was indexed (size and mtime).
    pub fn is_stale(&self, file: u32) -> bool {
        let record = &self.tables.files[file as usize];
        let Ok(metadata) = std::fs::metadata(self.root.join(&record.path)) else { return true };
        metadata.len() != record.size || ctx_indexer::discover::mtime_ns(&metadata) != record.mtime_ns
    }
}

/// The lookup key of a name: lower-cased, underscores removed.
pub fn name_key(name: &str) -> String {
    name.chars().filter(|c| *c != '_').flat_map(char::to_lowercase).collect()
}
