//! ctx indexes a repository once, keeps the index in `<root>/.ctx/`, and
//! answers a task with a **context pack**: the code that matters for it,
//! ranked and cut to a hard token budget.
//!
//! This crate is the embedding boundary: open or build an [`Index`], then ask
//! it for packs, search hits and symbols. Everything it returns is plain serde data.
//!
//! ```no_run
//! use ctx::{Index, IndexOptions, PackRequest};
//! # fn main() -> Result<(), ctx::Error> {
//! let root = std::path::Path::new(".");
//! Index::build(root, &IndexOptions::default(), &mut |_| {})?;
//! let index = Index::open(root)?;
//! let mut request = PackRequest::new("fix the off-by-one in the line splitter");
//! request.budget = 4_000;
//! let pack = index.pack(&request)?;
//! assert!(pack.tokens <= 4_000);
//! println!("{}", pack.markdown);
//! # Ok(()) }
//! ```

#![deny(missing_docs)]

use std::path::{Path, PathBuf};

mod model;
mod session;
pub use model::{DEFAULT_MODEL, ModelError, default_model_available, fetch_model, import_model, list_models, model_store_root};
pub use session::Session;

pub use ctx_indexer::{IndexOptions, IndexProgress, IndexReport, Manifest, SemanticOption, SkipReason, SkippedFile};
pub use ctx_query::{DEFAULT_SEMANTIC, SEMANTIC_WEIGHT, IndexStatus, NavHit, OmittedItem, Pack, PackItem, PackRequest, SearchHit, SearchResults, ShownSpan, SymbolHit, Tokenizer};

/// Errors of the ctx API. Each names the path or input concerned.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Building the index failed.
    #[error(transparent)]
    Index(#[from] ctx_indexer::IndexError),
    /// Opening or querying the index failed.
    #[error(transparent)]
    Query(#[from] ctx_query::QueryError),
    /// A session name or file is invalid.
    #[error("{0}")]
    BadSession(String),
    /// Fetching, importing or listing embedding models failed.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// Reading or writing a session file failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl Error {
    /// Whether the error is the caller's input (a missing index, a bad
    /// root, an invalid request) rather than a failure of ctx or the disk.
    pub fn is_input_error(&self) -> bool {
        use ctx_indexer::StoreError;
        match self {
            Error::Index(ctx_indexer::IndexError::BadRoot { .. }) => true,
            Error::Index(ctx_indexer::IndexError::Locked { .. } | ctx_indexer::IndexError::TooManyChanges { .. }) => false,
            Error::Index(ctx_indexer::IndexError::Store(_) | ctx_indexer::IndexError::Vectors(_)) => false,
            Error::Query(ctx_query::QueryError::BadRequest(_)) => true,
            Error::Query(ctx_query::QueryError::Store(StoreError::NotFound { .. })) => true,
            Error::Query(_) => false,
            Error::BadSession(_) => true,
            Error::Model(error) => error.is_input_error(),
            Error::Io { .. } => false,
        }
    }
}

/// An opened index generation. Opening reads the index; nothing here writes it.
pub struct Index {
    loaded: ctx_query::LoadedIndex,
}

impl Index {
    /// Builds or rebuilds the index of `root` into `root/.ctx/`. The previous
    /// index stays usable until the new one is complete.
    pub fn build(root: &Path, options: &IndexOptions, progress: &mut dyn FnMut(IndexProgress)) -> Result<IndexReport, Error> {
        Ok(ctx_indexer::build_index(root, options, progress)?)
    }

    /// Opens the index of `start` or of its nearest ancestor that has one.
    pub fn open(start: &Path) -> Result<Index, Error> {
        Ok(Index { loaded: ctx_query::LoadedIndex::open(start)? })
    }

    /// Opens the index like [`Index::open`], first refreshing it when files
    /// changed since it was written and at most `max_changed_files` did. A
    /// refresh that would wait for another writer, or a larger change, is
    /// left to `ctx index`; the answers then report the stale files.
    pub fn open_refreshed(start: &Path, max_changed_files: usize) -> Result<Index, Error> {
        let index = Index::open(start)?;
        let stale = index.status().stale_files() as usize;
        if stale == 0 || stale > max_changed_files {
            return Ok(index);
        }
        let root = index.root().to_path_buf();
        drop(index);
        let options = IndexOptions { wait_for_lock: false, max_changed_files: Some(max_changed_files), ..IndexOptions::default() };
        match ctx_indexer::build_index(&root, &options, &mut |_| {}) {
            Ok(_)
            | Err(ctx_indexer::IndexError::Locked { .. })
            | Err(ctx_indexer::IndexError::TooManyChanges { .. }) => Index::open(&root),
            Err(error) => Err(error.into()),
        }
    }

    /// The root the index describes.
    pub fn root(&self) -> &Path {
        &self.loaded.root
    }

    /// The manifest of the opened generation.
    pub fn manifest(&self) -> &Manifest {
        &self.loaded.generation.manifest
    }

    /// A context pack for a task, never over its budget.
    pub fn pack(&self, request: &PackRequest) -> Result<Pack, Error> {
        Ok(ctx_query::build_pack(&self.loaded, request)?)
    }

    /// Runs one stage (a pack or an expansion) of the session `name`: the
    /// stage gets the lines the session already showed, and the bodies it
    /// shows are recorded. Without a name it is a standalone stage.
    pub fn in_session(&self, name: Option<&str>, stage: impl FnOnce(&[ShownSpan]) -> Result<Pack, Error>) -> Result<Pack, Error> {
        let Some(name) = name else { return stage(&[]) };
        let mut session = Session::open(self.root(), name)?;
        let pack = stage(session.shown())?;
        session.record(&pack)?;
        Ok(pack)
    }

    /// The bodies of the chunks named by handles (from a pack's signatures
    /// or `omitted` list), within `budget`, skipping what `already_shown` holds.
    pub fn expand(&self, handles: &[String], budget: usize, tokenizer: Tokenizer, already_shown: &[ShownSpan]) -> Result<Pack, Error> {
        Ok(ctx_query::expand(&self.loaded, handles, budget, tokenizer, already_shown)?)
    }

    /// The `limit` best chunks for a query; `semantic_weight` is that of
    /// the semantic layer ([`DEFAULT_SEMANTIC`]; `None` for lexical only).
    pub fn search(&self, query: &str, limit: usize, semantic_weight: Option<f32>) -> Result<SearchResults, Error> {
        Ok(ctx_query::search(&self.loaded, query, limit, semantic_weight)?)
    }

    /// The generation, its counts, and the files changed since it was written.
    pub fn status(&self) -> IndexStatus {
        ctx_query::status(&self.loaded)
    }

    /// Uses of the definitions named `name` (a name or qualified name), the
    /// best-resolved first; with `calls_only`, only calls (its callers).
    pub fn refs(&self, name: &str, calls_only: bool, limit: usize) -> Vec<NavHit> {
        ctx_query::references_to(&self.loaded, name, calls_only, limit)
    }

    /// The definitions called from inside the definitions named `name`.
    pub fn callees(&self, name: &str, limit: usize) -> Vec<NavHit> {
        ctx_query::callees_of(&self.loaded, name, limit)
    }

    /// A repository map of the files under `prefix` (all when empty): files
    /// ranked by how much the rest of the code uses what they define, with
    /// the signatures of their most used definitions, within `budget`.
    pub fn map(&self, prefix: &str, budget: usize, tokenizer: Tokenizer) -> Pack {
        ctx_query::repository_map(&self.loaded, prefix, budget, tokenizer)
    }

    /// Definitions by exact or prefix name.
    pub fn symbols(&self, name: &str, limit: usize) -> Vec<SymbolHit> {
        ctx_query::find_symbols(&self.loaded, name, limit)
    }
}
