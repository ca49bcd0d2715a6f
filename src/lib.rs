//! ctx indexes a repository once, keeps the index in `<root>/.ctx/`, and
//! answers a task with a **context pack**: the code that matters for it,
//! ranked and cut to a hard token budget.
//!
//! This crate is the embedding boundary: build (or refresh) and open an
//! [`Index`], then ask it for packs, search hits, definitions and references.
//! Everything it returns is plain serde data; every error is an [`Error`]
//! that names the path or input concerned.
//!
//! ```
//! use ctx::{Index, IndexOptions, PackRequest};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let repo = tempfile::tempdir()?;
//! std::fs::write(repo.path().join("split.py"), "def split_lines(text):\n    return text.split('\\n')[:-1]\n")?;
//!
//! let (index, report) = Index::build_or_refresh(repo.path(), &IndexOptions::default(), &mut |_progress| {})?;
//! assert_eq!(report.manifest.stats.files, 1);
//!
//! let mut request = PackRequest::new("fix the off-by-one in split_lines");
//! request.budget = 500;
//! let pack = index.pack(&request)?;
//! assert!(pack.tokens <= 500);
//! assert_eq!(pack.items[0].path, "split.py");
//! println!("{}", pack.markdown);
//!
//! let definitions = index.symbols("split_lines", 10);
//! assert_eq!(definitions[0].start_line, 1);
//! # Ok(()) }
//! ```
//!
//! A long build reports [`IndexProgress`] and stops when the
//! [`CancelToken`] of its [`IndexOptions`] is cancelled from another thread,
//! with [`Error::is_cancelled`] true and the previous generation untouched.
//!
//! Features: `cli` (the `ctx` binary: clap, anyhow, indicatif, notify,
//! mimalloc) and `mcp` (`ctx mcp`: rmcp, tokio, schemars) are on by default;
//! an agent that embeds the library can turn them off with
//! `default-features = false`.

#![deny(missing_docs)]

use std::path::{Path, PathBuf};

mod model;
mod session;
pub use model::{DEFAULT_MODEL, ModelError, default_model_available, fetch_model, fetch_named_model, fetchable_models, import_model, list_models, model_store_root};
pub use session::Session;

pub use ctx_indexer::config::parse_budget;
pub use ctx_indexer::{CancelToken, ConfigError, DiscoveryOptions, IndexOptions, IndexProgress, IndexReport, Manifest, MergeOutcome, MergeReport, RepoConfig, SemanticOption, SkipReason, SkippedFile, merge_due, merge_wanted};
pub use ctx_query::{DEFAULT_SEMANTIC, SEMANTIC_WEIGHT, IndexStatus, LinksSkipped, NavHit, Navigation, OmittedItem, Pack, PackItem, PackRequest, SearchHit, SearchResults, ShownSpan, SymbolHit, Tokenizer};

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
    /// Exporting or importing a portable index failed.
    #[error(transparent)]
    Portable(ctx_indexer::StoreError),
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
            Error::Index(ctx_indexer::IndexError::Store(_) | ctx_indexer::IndexError::Cancelled { .. } | ctx_indexer::IndexError::Vectors(_)) => false,
            Error::Index(ctx_indexer::IndexError::Config(_)) => true,
            Error::Query(ctx_query::QueryError::BadRequest(_)) => true,
            Error::Query(ctx_query::QueryError::Store(StoreError::NotFound { .. })) => true,
            Error::Query(_) => false,
            Error::BadSession(_) => true,
            // A file that is not an export, is damaged, or indexes another repository.
            Error::Portable(StoreError::BadExport { .. } | StoreError::VersionMismatch { .. } | StoreError::Foreign { .. } | StoreError::NotFound { .. }) => true,
            Error::Portable(_) => false,
            Error::Model(error) => error.is_input_error(),
            Error::Io { .. } => false,
        }
    }

    /// Whether the error is a build stopped by its [`CancelToken`].
    pub fn is_cancelled(&self) -> bool {
        matches!(self, Error::Index(ctx_indexer::IndexError::Cancelled { .. }))
    }
}

/// Writes the current index generation of the root at or above `start` to
/// the single file `out`, to be installed elsewhere with [`import_index`].
pub fn export_index(start: &Path, out: &Path) -> Result<ctx_indexer::store::PortableReport, Error> {
    let root = ctx_indexer::find_root(start).map_err(Error::Portable)?;
    ctx_indexer::store::export_index(&root, out).map_err(Error::Portable)
}

/// Installs the index exported to `file` as the current generation of
/// `root`, refusing a file of another format, a damaged one, or one that
/// indexes another repository. The next refresh reads only the files whose
/// content differs from what was indexed.
pub fn import_index(root: &Path, file: &Path, wait_for_lock: bool) -> Result<ctx_indexer::store::PortableReport, Error> {
    let root = std::fs::canonicalize(root).map_err(|source| Error::Io { path: root.to_path_buf(), source })?;
    ctx_indexer::store::import_index(&root, file, wait_for_lock).map_err(Error::Portable)
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

    /// Builds the index of `root` or refreshes what changed, then opens it:
    /// the one call an embedding agent needs before asking questions.
    /// `progress` hears of discovery and parsing; `options.cancel` stops the
    /// run (with an error for which [`Error::is_cancelled`] holds), leaving
    /// the previous generation as it was.
    pub fn build_or_refresh(root: &Path, options: &IndexOptions, progress: &mut dyn FnMut(IndexProgress)) -> Result<(Index, IndexReport), Error> {
        let report = Index::build(root, options, progress)?;
        let index = Index::open(root)?;
        Ok((index, report))
    }

    /// Merges the layers that refreshes of a large tree leave over its
    /// tables into one tables file, without holding up refreshes meanwhile
    /// (they go on, and a merge they overtake starts again). With `wait`, a
    /// merge already running is waited for. Refreshes ask for one when the
    /// layers grow ([`merge_due`]); a command-line tool that exits runs it in
    /// another process, a long-lived one on a thread
    /// ([`merge_in_background_if_due`](Self::merge_in_background_if_due)).
    pub fn merge_layers(root: &Path, wait: bool) -> Result<MergeReport, Error> {
        Ok(ctx_indexer::merge_layers(root, wait)?)
    }

    /// Starts [`merge_layers`](Self::merge_layers) of `root` on a thread
    /// when [`merge_wanted`] says so for its current generation, which
    /// `manifest` describes (the one a refresh or an open just returned),
    /// for a process that lives on after its refreshes (a server, a
    /// watcher); the thread is returned to whoever wants to wait for it. A
    /// merge that fails leaves the index as it was, and a later refresh asks
    /// again.
    pub fn merge_in_background_if_due(root: &Path, manifest: &Manifest) -> Option<std::thread::JoinHandle<Result<MergeReport, Error>>> {
        if !merge_wanted(root, manifest) {
            return None;
        }
        let root = root.to_path_buf();
        std::thread::Builder::new().name("merge-layers".into()).spawn(move || Index::merge_layers(&root, false)).ok()
    }

    /// Opens the index of `start` or of its nearest ancestor that has one.
    pub fn open(start: &Path) -> Result<Index, Error> {
        Ok(Index { loaded: ctx_query::LoadedIndex::open(start)? })
    }

    /// Opens the index like [`Index::open`], first refreshing it when files
    /// changed since it was written and at most `max_changed_files` did, or
    /// when none did but the check had to list many folders (the refresh
    /// then renews the generation's record of its walk). A refresh that
    /// would wait for another writer, or a larger change, is left to `ctx
    /// index`; the answers then report the stale files.
    pub fn open_refreshed(start: &Path, max_changed_files: usize) -> Result<Index, Error> {
        let root = ctx_indexer::find_root(start).map_err(ctx_query::QueryError::from)?;
        // Opening reads no file it verified before, and the quick walk then
        // stats the indexed files and lists only the folders whose time
        // moved; both are cheap, so they run one after the other.
        let index = Index::open(&root)?;
        let status = index.status();
        if !status.refresh_due(max_changed_files) {
            return Ok(index);
        }
        drop(index);
        Self::refreshed(&root, max_changed_files)
    }

    /// `answer` from the freshest index of the root at or above `start`:
    /// the index is refreshed first when at most `max_changed_files` files
    /// changed, as [`open_refreshed`](Self::open_refreshed) does. The check
    /// of the working tree runs while `answer` works on the index as it is,
    /// and `answer` runs again, on the refreshed index, only when files
    /// changed: in the edit loop's common case (nothing changed since the
    /// last refresh) the check costs no wait.
    pub fn answer_fresh<T: Send>(start: &Path, max_changed_files: usize, answer: impl Fn(&Index) -> Result<T, Error> + Sync) -> Result<(Index, T), Error> {
        let root = ctx_indexer::find_root(start).map_err(ctx_query::QueryError::from)?;
        let index = Index::open(&root)?;
        let (status, answered) = std::thread::scope(|scope| {
            let check = scope.spawn(|| index.status());
            let answered = answer(&index);
            (check.join().ok(), answered)
        });
        match status {
            Some(status) if !status.refresh_due(max_changed_files) => answered.map(|answer| (index, answer)),
            // Nothing changed, but the check was slow: a refresh renews the
            // record of the walk for the next one, and this answer stands.
            Some(status) if status.stale_files() == 0 => {
                let answer = answered?;
                // Nothing to reopen: the tree is the one this index holds.
                let _ = Self::refresh(&root, max_changed_files);
                Ok((index, answer))
            }
            // Files changed (a check that panicked cannot vouch for
            // freshness either): the answer is made again after a refresh.
            _ => {
                drop(index);
                let index = Self::refreshed(&root, max_changed_files)?;
                let answer = answer(&index)?;
                Ok((index, answer))
            }
        }
    }

    /// The index of `root` after a refresh of at most `max_changed_files`
    /// files; the current one when that refresh cannot be made.
    fn refreshed(root: &Path, max_changed_files: usize) -> Result<Index, Error> {
        Self::refresh(root, max_changed_files)?;
        Index::open(root)
    }

    /// A refresh of at most `max_changed_files` files that does not wait
    /// for another writer. Only a malformed configuration is an error, the
    /// caller's to fix; otherwise (another writer, too many changes, a
    /// read-only or full disk) the previous generation answers, and the
    /// answer reports how many files are stale.
    fn refresh(root: &Path, max_changed_files: usize) -> Result<(), Error> {
        let options = IndexOptions { wait_for_lock: false, max_changed_files: Some(max_changed_files), ..IndexOptions::default() };
        match ctx_indexer::build_index(root, &options, &mut |_| {}) {
            Err(error @ ctx_indexer::IndexError::Config(_)) => Err(error.into()),
            _ => Ok(()),
        }
    }

    /// The configuration of the repository (`ctx.toml`, `.ctx/config.toml`),
    /// read now: its `[pack]` defaults apply to what the caller asks.
    pub fn config(&self) -> Result<RepoConfig, Error> {
        Ok(RepoConfig::load(self.root()).map_err(ctx_indexer::IndexError::from)?)
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

    /// [`Index::search`] with the ranking's weights given (for experiments).
    pub fn search_tuned(&self, query: &str, limit: usize, semantic_weight: Option<f32>, tuning: &ctx_query::Tuning) -> Result<SearchResults, Error> {
        Ok(ctx_query::search_tuned(&self.loaded, query, limit, semantic_weight, tuning)?)
    }

    /// The generation, its counts, and the files changed since it was written.
    pub fn status(&self) -> IndexStatus {
        ctx_query::status(&self.loaded)
    }

    /// Uses of the definitions named `name` (a name or qualified name), the
    /// best-resolved first; with `calls_only`, only calls (its callers). A
    /// name used and defined very often gets the hits resolved within a
    /// work budget, marked partial.
    pub fn refs(&self, name: &str, calls_only: bool, limit: usize) -> Navigation {
        ctx_query::references_to(&self.loaded, name, calls_only, limit)
    }

    /// The definitions called from inside the definitions named `name`.
    pub fn callees(&self, name: &str, limit: usize) -> Navigation {
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
