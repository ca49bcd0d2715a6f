//! `status`: what the opened generation holds and how far the working tree
//! has moved from it (files changed, added and deleted since indexing).

use crate::loaded::LoadedIndex;
use ctx_indexer::discover::{DiscoveryOptions, discover};
use serde::{Deserialize, Serialize};

/// The state of an index against its working tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexStatus {
    /// The index root.
    pub root: String,
    /// The generation opened.
    pub generation: u64,
    /// Its format version.
    pub format_version: u32,
    /// Indexed files.
    pub files: u64,
    /// Definitions.
    pub symbols: u64,
    /// Chunks.
    pub chunks: u64,
    /// Files passed over when indexing.
    pub skipped: u64,
    /// Bytes of the generation on disk.
    pub bytes_on_disk: u64,
    /// When it was written (ms since the epoch).
    pub created_unix_ms: u64,
    /// Indexed files whose size or modification time changed since.
    pub changed: u64,
    /// Files that would be indexed now but are not in the index.
    pub added: u64,
    /// Indexed files that are gone.
    pub deleted: u64,
    /// The model of the generation's chunk vectors; `None` when the
    /// semantic layer is off (indexed without a model).
    pub semantic: Option<String>,
}

impl IndexStatus {
    /// Files that differ between the index and the working tree.
    pub fn stale_files(&self) -> u64 {
        self.changed + self.added + self.deleted
    }
}

/// Compares the opened generation with the working tree.
pub fn status(index: &LoadedIndex) -> IndexStatus {
    let manifest = &index.generation.manifest;
    let now = discover(&index.root, &DiscoveryOptions { max_file_bytes: manifest.max_file_bytes });
    let mut changed = 0;
    let mut added = 0;
    let mut seen = vec![false; index.tables.files_len()];
    let skipped = index.tables.skipped();
    for candidate in &now.candidates {
        match index.tables.file_by_path(&candidate.path) {
            Some(id) => {
                seen[id as usize] = true;
                let record = index.tables.file(id);
                if record.size != candidate.size || record.mtime_ns != candidate.mtime_ns {
                    changed += 1;
                }
            }
            None => {
                // A file skipped at indexing time (binary, unreadable) is not new.
                if skipped.binary_search_by(|s| s.path.as_str().cmp(&candidate.path)).is_err() {
                    added += 1;
                }
            }
        }
    }
    let deleted = seen.iter().filter(|s| !**s).count() as u64;
    IndexStatus {
        root: index.root.display().to_string(),
        generation: manifest.generation,
        format_version: manifest.format_version,
        files: manifest.stats.files,
        symbols: manifest.stats.symbols,
        chunks: manifest.stats.chunks,
        skipped: manifest.stats.skipped,
        bytes_on_disk: manifest.files.iter().map(|f| f.bytes).sum(),
        created_unix_ms: manifest.created_unix_ms,
        changed,
        added,
        deleted,
        semantic: crate::semantic::semantic_model(index),
    }
}
