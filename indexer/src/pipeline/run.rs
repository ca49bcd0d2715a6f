//! What an index run takes and gives: its settings (`IndexOptions`), the
//! progress it reports while it works, its report and its errors.

use super::cancel::CancelToken;
use crate::discover::{DiscoveryOptions, SkippedFile};
use crate::discover::config::ConfigError;
use crate::parse::ChunkLimits;
use crate::store::{Manifest, StoreError};
use crate::vectors::{self, SemanticOption};
use std::path::PathBuf;
use std::time::Duration;

/// Settings of an index run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// What discovery includes.
    pub discovery: DiscoveryOptions,
    /// How files are chunked.
    pub chunk_limits: ChunkLimits,
    /// Files read and parsed per batch. Two batches are in memory at once,
    /// each file as its text, parse and chunk documents (about three times
    /// its size): 512 files kept a cold index of the Linux tree under 2 GiB
    /// where 1,024 did not.
    pub batch_files: usize,
    /// Memory for tantivy's indexing buffers, in bytes.
    pub writer_memory_bytes: usize,
    /// A budget for the run's buffers (see [`with_memory_budget`](Self::with_memory_budget)):
    /// `--memory`, else `[index] memory` of the configuration, else none.
    pub memory_bytes: Option<u64>,
    /// Whether to wait when another process holds the writer lock.
    pub wait_for_lock: bool,
    /// Ignore the current generation and rebuild everything.
    pub full: bool,
    /// Write one tables file, merging a delta over the current one (which
    /// a refresh of few files in a large tree writes) even when it is small.
    pub compact: bool,
    /// Use the size cap the current generation was built with, if there is
    /// one, instead of `discovery.max_file_bytes` (refreshes keep the
    /// settings of the index they refresh).
    pub inherit_size_cap: bool,
    /// Use the configuration's `follow_symlinks`, else what the current
    /// generation was built with, instead of `discovery.follow_links`.
    pub inherit_follow_links: bool,
    /// Refresh only if at most this many files changed; otherwise leave the
    /// index as it is and report [`IndexError::TooManyChanges`].
    pub max_changed_files: Option<usize>,
    /// Stops the run when cancelled (checked between files and batches).
    pub cancel: CancelToken,
    /// Which embedder makes the chunk vectors of the semantic layer, if any.
    pub semantic: SemanticOption,
}

impl IndexOptions {
    /// Bounds the memory of the run's buffers by `bytes`: the text index's
    /// indexing buffers (an eighth of it, from 40 MB, the least two
    /// indexing threads take, to the default 256 MB: a smaller buffer
    /// flushes its segments earlier) and the files read and parsed per
    /// batch (two batches of text are in memory at once). The tables of
    /// the generation (about 35 to 50 bytes per source line) are on top.
    pub fn with_memory_budget(mut self, bytes: u64) -> IndexOptions {
        self.writer_memory_bytes = (bytes / 8).clamp(40 << 20, 256 << 20) as usize;
        self.batch_files = (bytes >> 20).clamp(64, 1024) as usize;
        self
    }
}


impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            discovery: DiscoveryOptions::default(),
            chunk_limits: ChunkLimits::default(),
            batch_files: 512,
            writer_memory_bytes: 256 << 20,
            memory_bytes: None,
            wait_for_lock: true,
            full: false,
            compact: false,
            inherit_size_cap: true,
            inherit_follow_links: true,
            max_changed_files: None,
            cancel: CancelToken::default(),
            semantic: SemanticOption::Inherit,
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
        /// Total to parse in this run.
        total: usize,
    },
}

/// What changed since the previous generation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChangeCounts {
    /// Files read and parsed (new or changed content).
    pub parsed: usize,
    /// Files carried over from the previous generation unread.
    pub reused: usize,
    /// Files of the previous generation that are gone or now skipped.
    pub deleted: usize,
    /// New paths whose content is that of a gone file (same size, xxh3 and,
    /// when both are known, git blob id): moves. Each is also counted as
    /// parsed and deleted, since paths are part of what is indexed.
    pub renamed: usize,
    /// Files read only to compare their content with the previous record
    /// (the modification time moved, or the record lacks a blob id that git
    /// now wants) because git's index could not vouch for them.
    pub read_to_compare: usize,
    /// Files whose modification time moved but whose content git's index
    /// knew (a stat-clean entry), judged by blob id without being read.
    pub known_from_git: usize,
}

/// What an index run did.
#[derive(Debug, Clone)]
pub struct IndexReport {
    /// The manifest of the current generation (new, or the old one if nothing changed).
    pub manifest: Manifest,
    /// Files passed over, with reasons.
    pub skipped: Vec<SkippedFile>,
    /// Files indexed with diagnostics (parse errors, invalid UTF-8).
    pub files_with_diagnostics: usize,
    /// Whether the index was already up to date (no generation written).
    pub up_to_date: bool,
    /// What changed.
    pub changes: ChangeCounts,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// The model of the generation's chunk vectors, if it has them.
    pub semantic: Option<String>,
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
    /// More files changed than [`IndexOptions::max_changed_files`] allows.
    #[error("{changed} files changed since indexing {root}; run `ctx index` to refresh")]
    TooManyChanges {
        /// The root.
        root: PathBuf,
        /// Files that would be parsed or removed.
        changed: usize,
    },
    /// Reading or writing `.ctx/` failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// `ctx.toml` or `.ctx/config.toml` is malformed.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// [`IndexOptions::cancel`] was cancelled; the current generation is unchanged.
    #[error("indexing {root} was cancelled; the index is as it was")]
    Cancelled {
        /// The root.
        root: PathBuf,
    },
    /// The embedding model could not be loaded or failed.
    #[error(transparent)]
    Vectors(#[from] vectors::VectorsError),
}
