//! Discovery: which files of a repository are indexed. Honours `.gitignore`,
//! `.ignore`, `.ctxignore` and the `[index]` patterns and languages of the
//! repository configuration, skips hidden files and `.git`, follows
//! symbolic links only when asked and only into the repository, and reports
//! every file it passes over with the reason.

use super::config::{FollowLinks, PathFilter};
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
    /// A symbolic link, not followed (the default: nothing outside the root is read).
    Symlink,
    /// Could not be read (permissions, vanished, I/O error).
    Unreadable(String),
    /// A symbolic link whose target lies outside the repository; never read.
    LinkOutside(String),
    /// A symbolic link whose target does not exist.
    LinkDangling,
    /// A symbolic link to a folder that holds it, or that the walk is already inside.
    LinkLoop,
    /// A symbolic link to a file or folder indexed under another path (given).
    LinkDuplicate(String),
}

impl SkipReason {
    /// Whether this is a symbolic link passed over, for any reason.
    pub fn is_link(&self) -> bool {
        matches!(self, SkipReason::Symlink | SkipReason::LinkOutside(_) | SkipReason::LinkDangling | SkipReason::LinkLoop | SkipReason::LinkDuplicate(_))
    }
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::TooLarge { bytes } => write!(f, "larger than the size cap ({bytes} bytes)"),
            SkipReason::Binary => write!(f, "binary (NUL byte in the first 8 KiB)"),
            SkipReason::Symlink => write!(f, "symbolic link (not followed)"),
            SkipReason::Unreadable(why) => write!(f, "unreadable: {why}"),
            SkipReason::LinkOutside(target) => write!(f, "symbolic link out of the repository (to {target}), not followed"),
            SkipReason::LinkDangling => write!(f, "symbolic link to nothing (dangling)"),
            SkipReason::LinkLoop => write!(f, "symbolic link to a folder that holds it (a loop), not followed"),
            SkipReason::LinkDuplicate(path) => write!(f, "symbolic link to {path}, indexed there"),
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
    /// Every folder the walk entered (`""` is the root), with its
    /// modification time: a folder whose time has not moved holds the same
    /// entries, so a later check of the tree need not list it again.
    pub folders: Vec<(String, u64)>,
    /// Folders listed again by a check against a generation's record of
    /// its walk (all of them when the record could not judge): a check
    /// that lists many is cheaper next time once the record is renewed.
    pub relisted: usize,
    /// Symbolic links met by a walk, to resolve when links are followed.
    links: Vec<Link>,
}

impl Discovery {
    /// Whether the record of the walk it was checked against is out of
    /// date enough to renew: it could not judge, or an eighth of the
    /// folders had to be listed again (a build that writes objects beside
    /// the sources moves every folder's time).
    pub fn record_outdated(&self) -> bool {
        self.relisted > 0 && self.relisted * 8 >= self.folders.len()
    }
}

/// A symbolic link met by a walk.
#[derive(Debug)]
struct Link {
    /// Its path as discovery names it.
    path: String,
    /// Its absolute path.
    abs_path: PathBuf,
}

/// Discovery settings.
#[derive(Debug, Clone)]
pub struct DiscoveryOptions {
    /// Files larger than this are skipped and counted.
    pub max_file_bytes: u64,
    /// Which symbolic links are followed.
    pub follow_links: FollowLinks,
}

impl Default for DiscoveryOptions {
    fn default() -> Self {
        DiscoveryOptions { max_file_bytes: 1 << 20, follow_links: FollowLinks::Never }
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
    let mut found = walk_folder(root, root, "", None, options, filter);
    if options.follow_links == FollowLinks::Repository {
        follow_links(root, options, filter, &mut found);
    }
    found.relisted = found.folders.len().max(1);
    found.candidates.sort_by(|a, b| a.path.cmp(&b.path));
    found.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    found.folders.sort();
    found
}

/// One walk of `folder`, whose files are named `prefix` plus their path
/// below it (the prefix is empty for the root, a link's path for a linked
/// folder). Links found are left in `found.links` for [`follow_links`].
fn walk_folder(root: &Path, folder: &Path, prefix: &str, max_depth: Option<usize>, options: &DiscoveryOptions, filter: &PathFilter) -> Discovery {
    let pruned = filter.clone();
    let (pruned_root, pruned_folder, pruned_prefix) = (root.to_path_buf(), folder.to_path_buf(), prefix_path(prefix));
    // The walk is system calls (a directory listing per folder, a stat per
    // file), so it runs on a few threads; sorting at the end makes the
    // result independent of their order.
    let walker = ignore::WalkBuilder::new(folder)
        .standard_filters(true)
        .require_git(false)
        .follow_links(false)
        .add_custom_ignore_filename(CTX_IGNORE_FILE)
        .threads(WALK_THREADS)
        .max_depth(max_depth)
        .filter_entry(move |entry| {
            // Patterns name paths under the root: a linked folder's files by their path through the link.
            let seen_at = match entry.path().strip_prefix(&pruned_folder) {
                Ok(below) if pruned_folder != pruned_root => pruned_root.join(&pruned_prefix).join(below),
                _ => entry.path().to_path_buf(),
            };
            !pruned.ignores(&seen_at, entry.file_type().is_some_and(|t| t.is_dir()))
        })
        .build_parallel();
    let found = std::sync::Mutex::new(Discovery::default());
    walker.visit(&mut Collectors { found: &found, folder, prefix, options, filter });
    found.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The files directly in the folder `rel` of `root` (`""`: the root) and
/// its subfolders, as a walk of the whole root would find them there (the
/// same ignore rules, those of the folders above it included); with
/// `recursive` false, subfolders are listed in `folders` but not entered.
/// Not for a root that follows links.
pub(crate) fn walk_below(root: &Path, rel: &str, recursive: bool, options: &DiscoveryOptions, filter: &PathFilter) -> Discovery {
    let folder = root.join(prefix_path(rel));
    let mut found = walk_folder(root, &folder, rel, (!recursive).then_some(1), options, filter);
    found.links.clear();
    found
}

/// A `/`-separated relative path as a path.
fn prefix_path(prefix: &str) -> PathBuf {
    prefix.split('/').filter(|c| !c.is_empty()).collect()
}

/// Resolves the links the walks found, under [`FollowLinks::Repository`]:
/// files and folders inside the repository are indexed under the link's
/// path, once per target (a file the root's walk reaches under its own path
/// stays there; among links, the first path in order wins, so the result
/// does not depend on the walk's threads); the rest is reported.
fn follow_links(root: &Path, options: &DiscoveryOptions, filter: &PathFilter, found: &mut Discovery) {
    if found.links.is_empty() {
        return;
    }
    let Ok(real_root) = std::fs::canonicalize(root) else { return };
    let repository = repository_top(&real_root);
    // Folders being indexed: the root and each linked folder followed.
    let mut folders: Vec<PathBuf> = vec![real_root.clone()];
    let mut linked: Vec<Candidate> = Vec::new();
    let mut pending = std::mem::take(&mut found.links);
    while !pending.is_empty() {
        pending.sort_by(|a, b| a.path.cmp(&b.path));
        for link in std::mem::take(&mut pending) {
            let skip = |reason| SkippedFile::new(link.path.clone(), reason);
            let Ok(target) = std::fs::canonicalize(&link.abs_path) else {
                found.skipped.push(skip(SkipReason::LinkDangling));
                continue;
            };
            if !target.starts_with(&repository) {
                found.skipped.push(skip(SkipReason::LinkOutside(target.display().to_string())));
                continue;
            }
            let metadata = match std::fs::metadata(&target) {
                Ok(metadata) => metadata,
                Err(e) => {
                    found.skipped.push(skip(SkipReason::Unreadable(e.to_string())));
                    continue;
                }
            };
            if metadata.is_dir() {
                if link_parent(&link.abs_path).is_some_and(|parent| parent.starts_with(&target)) {
                    // A folder that holds the link: following it would never end.
                    found.skipped.push(skip(SkipReason::LinkLoop));
                } else if let Some(seen) = folders.iter().find(|f| target.starts_with(f)) {
                    found.skipped.push(skip(SkipReason::LinkDuplicate(path_in(&real_root, seen, &target))));
                } else {
                    folders.push(target.clone());
                    let mut inside = walk_folder(root, &target, &link.path, None, options, filter);
                    linked.append(&mut inside.candidates);
                    found.skipped.append(&mut inside.skipped);
                    found.folders.append(&mut inside.folders);
                    pending.append(&mut inside.links);
                }
            } else if metadata.is_file()
                && let Some(language) = Language::detect(Path::new(&link.path)).filter(|l| filter.admits(*l))
            {
                let mut one = Discovery::default();
                admit(link.path, target, language, &metadata, options, &mut one);
                linked.append(&mut one.candidates);
                found.skipped.append(&mut one.skipped);
            }
        }
    }
    if linked.is_empty() {
        return;
    }
    // Each target once: the root's walk first, then links in path order.
    let mut owners: std::collections::HashMap<PathBuf, String> = found
        .candidates
        .iter()
        .filter_map(|c| std::fs::canonicalize(&c.abs_path).ok().map(|real| (real, c.path.clone())))
        .collect();
    linked.sort_by(|a, b| a.path.cmp(&b.path));
    for candidate in linked {
        let real = std::fs::canonicalize(&candidate.abs_path).unwrap_or_else(|_| candidate.abs_path.clone());
        match owners.get(&real) {
            Some(first) => found.skipped.push(SkippedFile::new(candidate.path, SkipReason::LinkDuplicate(first.clone()))),
            None => {
                owners.insert(real, candidate.path.clone());
                found.candidates.push(candidate);
            }
        }
    }
}

/// How a target inside an indexed folder is named: by its path under the
/// root, or as reached through the linked folder that holds it.
fn path_in(real_root: &Path, folder: &Path, target: &Path) -> String {
    if folder == real_root {
        relative(real_root, target)
    } else {
        format!("{} (through a link)", target.display())
    }
}

/// The parent folder of a link, resolved.
fn link_parent(link: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(link.parent()?).ok()
}

/// The top of the git work tree that holds `root` (the nearest folder above
/// it with a `.git`), else `root` itself.
fn repository_top(root: &Path) -> PathBuf {
    root.ancestors().find(|dir| dir.join(".git").exists()).unwrap_or(root).to_path_buf()
}

/// What every thread of the walk shares; it makes one [`Collector`] per thread.
#[derive(Clone, Copy)]
struct Collectors<'s> {
    found: &'s std::sync::Mutex<Discovery>,
    folder: &'s Path,
    prefix: &'s str,
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
        let Collectors { folder, prefix, options, filter, .. } = self.shared;
        classify(entry, folder, prefix, options, filter, &mut self.local);
        ignore::WalkState::Continue
    }
}

impl Drop for Collector<'_> {
    fn drop(&mut self) {
        let mut found = self.shared.found.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        found.candidates.append(&mut self.local.candidates);
        found.skipped.append(&mut self.local.skipped);
        found.folders.append(&mut self.local.folders);
        found.links.append(&mut self.local.links);
    }
}

/// Threads of the walk: more than the two cores of a laptop helps little,
/// as the kernel's directory and inode caches serialise much of it.
const WALK_THREADS: usize = 2;

/// `path` (below `folder`) named as discovery names it: `prefix` plus its
/// path below the folder.
fn name_below(folder: &Path, prefix: &str, path: &Path) -> String {
    let rel = relative(folder, path);
    match (prefix.is_empty(), rel.is_empty()) {
        (true, _) => rel,
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}/{rel}"),
    }
}

/// Files one entry of the walk into `found`, as a candidate, a skipped file or a link.
fn classify(
    entry: Result<ignore::DirEntry, ignore::Error>,
    folder: &Path,
    prefix: &str,
    options: &DiscoveryOptions,
    filter: &PathFilter,
    found: &mut Discovery,
) {
    let entry = match entry {
        Ok(entry) => entry,
        Err(error) => {
            let path = error_path(&error).map(|p| name_below(folder, prefix, &p)).unwrap_or_default();
            found.skipped.push(SkippedFile::new(path, SkipReason::Unreadable(error.to_string())));
            return;
        }
    };
    let Some(file_type) = entry.file_type() else { return };
    if file_type.is_dir() {
        if let Ok(metadata) = entry.metadata() {
            found.folders.push((name_below(folder, prefix, entry.path()), mtime_ns(&metadata)));
        }
        return;
    }
    let path = entry.path();
    let rel = name_below(folder, prefix, path);
    if file_type.is_symlink() {
        if options.follow_links == FollowLinks::Repository {
            // Resolved after the walk, in path order, so each target is indexed once.
            found.links.push(Link { path: rel, abs_path: path.to_path_buf() });
        } else if Language::detect(path).is_some_and(|l| filter.admits(l)) {
            found.skipped.push(SkippedFile::new(rel, SkipReason::Symlink));
        }
        return;
    }
    let Some(language) = Language::detect(path).filter(|l| filter.admits(*l)) else { return };
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
    admit(rel, path.to_path_buf(), language, &metadata, options, found);
}

/// A regular file as a candidate, or skipped as too large.
fn admit(rel: String, abs_path: PathBuf, language: Language, metadata: &std::fs::Metadata, options: &DiscoveryOptions, found: &mut Discovery) {
    let mtime_ns = mtime_ns(metadata);
    if metadata.len() > options.max_file_bytes {
        let reason = SkipReason::TooLarge { bytes: metadata.len() };
        found.skipped.push(SkippedFile { path: rel, reason, size: metadata.len(), mtime_ns });
        return;
    }
    found.candidates.push(Candidate { path: rel, abs_path, language, size: metadata.len(), mtime_ns });
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
