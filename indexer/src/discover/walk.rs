//! Discovery: which files of a repository are indexed. Honours `.gitignore`,
//! `.ignore`, `.ctxignore` and the `[index]` patterns and languages of the
//! repository configuration, skips hidden files and `.git`, never follows
//! symlinks, and reports every file it passes over with the reason.

use super::config::PathFilter;
use crate::parse::Language;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Why a file was not indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkipReason {
    /// Larger than the size cap.
    TooLarge {
        /// The file's size in bytes.
        bytes: u64,
    },
    /// Holds a NUL byte in its first 8 KiB.
    Binary,
    /// A symbolic link; ctx does not follow links, so nothing outside the root is read.
    Symlink,
    /// Could not be read (permissions, vanished, I/O error).
    Unreadable(String),
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::TooLarge { bytes } => write!(f, "larger than the size cap ({bytes} bytes)"),
            SkipReason::Binary => write!(f, "binary (NUL byte in the first 8 KiB)"),
            SkipReason::Symlink => write!(f, "symbolic link (not followed)"),
            SkipReason::Unreadable(why) => write!(f, "unreadable: {why}"),
        }
    }
}

/// A file passed over, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedFile {
    /// Path relative to the root, `/`-separated.
    pub path: String,
    /// Why.
    pub reason: SkipReason,
    /// Size in bytes when skipped (0 if unknown).
    pub size: u64,
    /// Modification time (ns since the epoch) when skipped (0 if unknown).
    pub mtime_ns: u64,
}

impl SkippedFile {
    /// A skipped file whose size and time are unknown.
    pub fn new(path: String, reason: SkipReason) -> SkippedFile {
        SkippedFile { path, reason, size: 0, mtime_ns: 0 }
    }
}

/// A file to index.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Path relative to the root, `/`-separated.
    pub path: String,
    /// Absolute path for reading.
    pub abs_path: PathBuf,
    /// Detected language.
    pub language: Language,
    /// Size in bytes at discovery.
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 if unknown).
    pub mtime_ns: u64,
}

/// What discovery found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to index, sorted by path.
    pub candidates: Vec<Candidate>,
    /// Files passed over, sorted by path.
    pub skipped: Vec<SkippedFile>,
}

/// Discovery settings.
#[derive(Debug, Clone)]
pub struct DiscoveryOptions {
    /// Files larger than this are skipped and counted.
    pub max_file_bytes: u64,
}

impl Default for DiscoveryOptions {
    fn default() -> Self {
        DiscoveryOptions { max_file_bytes: 1 << 20 }
    }
}

/// Name of the ignore file specific to ctx.
pub const CTX_IGNORE_FILE: &str = ".ctxignore";

/// Walks `root` and sorts its files into candidates and skipped ones,
/// excluding what the repository configuration of `root` excludes.
pub fn discover(root: &Path, options: &DiscoveryOptions) -> Discovery {
    discover_with(root, options, &PathFilter::for_root(root))
}

/// Walks `root` like [`discover`], excluding what `filter` excludes
/// (files it ignores are not reported as skipped: they are not wanted).
pub fn discover_with(root: &Path, options: &DiscoveryOptions, filter: &PathFilter) -> Discovery {
    let pruned = filter.clone();
    // The walk is system calls (a directory listing per folder, a stat per
    // file), so it runs on a few threads; sorting at the end makes the
    // result independent of their order.
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(true)
        .require_git(false)
        .follow_links(false)
        .add_custom_ignore_filename(CTX_IGNORE_FILE)
        .threads(WALK_THREADS)
        .filter_entry(move |entry| !pruned.ignores(entry.path(), entry.file_type().is_some_and(|t| t.is_dir())))
        .build_parallel();
    let found = std::sync::Mutex::new(Discovery::default());
    walker.visit(&mut Collectors { found: &found, root, options, filter });
    let mut found = found.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    found.candidates.sort_by(|a, b| a.path.cmp(&b.path));
    found.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// What every thread of the walk shares; it makes one [`Collector`] per thread.
#[derive(Clone, Copy)]
struct Collectors<'s> {
    found: &'s std::sync::Mutex<Discovery>,
    root: &'s Path,
    options: &'s DiscoveryOptions,
    filter: &'s PathFilter,
}

impl<'s> ignore::ParallelVisitorBuilder<'s> for Collectors<'s> {
    fn build(&mut self) -> Box<dyn ignore::ParallelVisitor + 's> {
        Box::new(Collector { local: Discovery::default(), shared: *self })
    }
}

/// Sorts one thread's entries, and adds them to the shared result when the thread is done.
struct Collector<'s> {
    local: Discovery,
    shared: Collectors<'s>,
}

impl ignore::ParallelVisitor for Collector<'_> {
    fn visit(&mut self, entry: Result<ignore::DirEntry, ignore::Error>) -> ignore::WalkState {
        let Collectors { root, options, filter, .. } = self.shared;
        classify(entry, root, options, filter, &mut self.local);
        ignore::WalkState::Continue
    }
}

impl Drop for Collector<'_> {
    fn drop(&mut self) {
        let mut found = self.shared.found.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        found.candidates.append(&mut self.local.candidates);
        found.skipped.append(&mut self.local.skipped);
    }
}

/// Threads of the walk: more than the two cores of a laptop helps little,
/// as the kernel's directory and inode caches serialise much of it.
const WALK_THREADS: usize = 2;

/// Files one entry of the walk into `found`, as a candidate or a skipped file.
fn classify(entry: Result<ignore::DirEntry, ignore::Error>, root: &Path, options: &DiscoveryOptions, filter: &PathFilter, found: &mut Discovery) {
    let entry = match entry {
        Ok(entry) => entry,
        Err(error) => {
            let path = error_path(&error).map(|p| relative(root, &p)).unwrap_or_default();
            found.skipped.push(SkippedFile::new(path, SkipReason::Unreadable(error.to_string())));
            return;
        }
    };
    let Some(file_type) = entry.file_type() else { return };
    if file_type.is_dir() {
        return;
    }
    let path = entry.path();
    let Some(language) = Language::detect(path).filter(|l| filter.admits(*l)) else { return };
    let rel = relative(root, path);
    if file_type.is_symlink() {
        found.skipped.push(SkippedFile::new(rel, SkipReason::Symlink));
        return;
    }
    let metadata = match entry.metadata() {
        Ok(m) => m,
        Err(e) => {
            found.skipped.push(SkippedFile::new(rel, SkipReason::Unreadable(e.to_string())));
            return;
        }
    };
    if !metadata.is_file() {
        return;
    }
    let mtime_ns = mtime_ns(&metadata);
    if metadata.len() > options.max_file_bytes {
        let reason = SkipReason::TooLarge { bytes: metadata.len() };
        found.skipped.push(SkippedFile { path: rel, reason, size: metadata.len(), mtime_ns });
        return;
    }
    found.candidates.push(Candidate {
        path: rel,
        abs_path: path.to_path_buf(),
        language,
        size: metadata.len(),
        mtime_ns,
    });
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// A file's modification time in nanoseconds since the epoch (0 if unknown),
/// as recorded in the tables and compared for freshness.
pub fn mtime_ns(metadata: &std::fs::Metadata) -> u64 {
    system_time_ns(metadata.modified().ok())
}

/// A time in nanoseconds since the epoch, 0 if unknown or before it.
pub(crate) fn system_time_ns(time: Option<std::time::SystemTime>) -> u64 {
    time.and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map(|d| d.as_nanos() as u64).unwrap_or(0)
}

/// `path` relative to `root`, with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut out = String::new();
    for component in rel.components() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&component.as_os_str().to_string_lossy());
    }
    out
}

/// Whether the first 8 KiB hold a NUL byte.
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}
