//! A quick walk: what changed in the working tree since a generation was
//! written, found without listing every folder again. The run that writes
//! a generation records (in `walk.json`) every folder it walked with its
//! modification time, and every file whose content decides what discovery
//! includes (ignore files, the configuration) as it was. A later check
//! stats those, stats every file the generation indexed or skipped, and
//! lists only the folders whose time moved (a file was added, removed or
//! renamed there; editing a file in place does not move its folder's
//! time): on a kernel tree that is a stat per file instead of a walk with
//! ignore rules, a fraction of the time. When anything the check cannot
//! judge changed (a rule file, the size cap, a skipped file, links being
//! followed), it walks the whole tree as before. Either way the result is
//! the one a whole walk would give.

use crate::discover::config::PathFilter;
use crate::discover::{Candidate, Discovery, DiscoveryOptions, FollowLinks, SkipReason, SkippedFile, discover_with, mtime_ns, walk_below};
use super::stat_at::{FolderStats, Seen};
use crate::store::{Generation, TablesView};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The file of a generation that holds its [`WalkState`].
pub const WALK_FILE: &str = "walk.json";

/// The file of a generation that holds the [`WalkState`] of a later
/// refresh that found nothing to change, which supersedes [`WALK_FILE`].
/// The manifest does not name it (it would change the generation's
/// checksums): it carries its own (the xxh3 of its JSON, in hex, on the
/// first line), and one that fails it is passed over. It is replaced
/// whole by a rename, so a reader sees one state or the other, and either
/// describes the indexed tree.
pub const RENEWED_WALK_FILE: &str = "walk-renewed.json";

/// Times closer to the walk than this are not trusted to move on the next
/// change (file systems keep times at a tick of a few milliseconds, some
/// at two seconds).
const RACY_NS: u64 = 2_000_000_000;

/// Names of the files in a folder whose rules discovery applies.
const RULE_NAMES: [&str; 3] = [".gitignore", ".ignore", crate::discover::CTX_IGNORE_FILE];

/// What the walk that built a generation saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WalkState {
    /// The size cap of that walk.
    max_file_bytes: u64,
    /// Every folder walked (`""`: the root), with its modification time.
    folders: Vec<(String, u64)>,
    /// Files whose rules decide what is walked, with their (modification
    /// time, size), or `None` where there was none.
    rule_files: Vec<(PathBuf, Option<(u64, u64)>)>,
}

impl WalkState {
    /// The state of a whole walk of `root` that gave `discovery`.
    pub fn of(root: &Path, discovery: &Discovery, options: &DiscoveryOptions) -> WalkState {
        // A folder whose time is this recent may change again within the
        // same tick of the file system's clock without its time moving (as
        // git's "racy" entries): it is recorded as unknown, and listed.
        let now = crate::discover::system_time_ns(Some(std::time::SystemTime::now()));
        let settled = |mtime: u64| if now.saturating_sub(mtime) < RACY_NS { 0 } else { mtime };
        let folders = discovery.folders.iter().map(|(folder, mtime)| (folder.clone(), settled(*mtime))).collect();
        let rule_files = rule_files(root, &discovery.folders).into_iter().map(|(path, seen)| (path, seen.map(|(mtime, len)| (settled(mtime), len)))).collect();
        WalkState { max_file_bytes: options.max_file_bytes, folders, rule_files }
    }

    /// The state recorded in a generation, if it has one: the renewed one
    /// when a later refresh wrote it (and it is whole), else the one
    /// written with it.
    pub fn read(generation: &Generation) -> Option<WalkState> {
        let renewed = std::fs::read(generation.dir.join(RENEWED_WALK_FILE)).ok().and_then(|bytes| {
            let (checksum, json) = bytes.split_at_checked(17)?;
            let whole = checksum.strip_suffix(b"\n")? == format!("{:016x}", xxhash_rust::xxh3::xxh3_64(json)).as_bytes();
            whole.then(|| serde_json::from_slice(json).ok()).flatten()
        });
        renewed.or_else(|| serde_json::from_slice(&std::fs::read(generation.dir.join(WALK_FILE)).ok()?).ok())
    }

    /// Records this state as the generation's renewed one. The caller holds
    /// the writer lock and found the tree to be the one indexed.
    pub fn renew(&self, generation: &Generation) -> std::io::Result<()> {
        let json = self.to_json();
        let mut bytes = format!("{:016x}\n", xxhash_rust::xxh3::xxh3_64(&json)).into_bytes();
        bytes.extend_from_slice(&json);
        let staged = generation.dir.join(format!("{RENEWED_WALK_FILE}.tmp"));
        std::fs::write(&staged, bytes)?;
        std::fs::rename(&staged, generation.dir.join(RENEWED_WALK_FILE))
    }

    /// The JSON written to [`WALK_FILE`].
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// The rule files of a walk: those in each folder walked that exist, the
/// three names in every folder above the root (present or not: no walked
/// folder's time tells when one appears there), the repository's
/// `info/exclude`, git's global ignore file and configuration, and ctx's.
fn rule_files(root: &Path, folders: &[(String, u64)]) -> Vec<(PathBuf, Option<(u64, u64)>)> {
    let stat = |path: PathBuf| {
        let seen = std::fs::metadata(&path).ok().map(|m| (mtime_ns(&m), m.len()));
        (path, seen)
    };
    let mut files: Vec<(PathBuf, Option<(u64, u64)>)> = Vec::new();
    for (folder, _) in folders {
        let dir = root.join(folder);
        files.extend(RULE_NAMES.iter().map(|name| stat(dir.join(name))).filter(|(_, seen)| seen.is_some()));
    }
    if let Ok(real) = std::fs::canonicalize(root) {
        for above in real.ancestors().skip(1) {
            files.extend(RULE_NAMES.iter().map(|name| stat(above.join(name))));
            files.push(stat(above.join(".git/info/exclude")));
        }
        files.push(stat(real.join(".git/info/exclude")));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let config_home = std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from).or_else(|| home.as_ref().map(|h| h.join(".config")));
    if let Some(config_home) = config_home {
        files.push(stat(config_home.join("git/ignore")));
        files.push(stat(config_home.join("git/config")));
    }
    if let Some(home) = home {
        files.push(stat(home.join(".gitconfig")));
    }
    files.push(stat(root.join(crate::discover::config::SHARED_CONFIG_FILE)));
    files.push(stat(crate::index_dir::index_dir(root).join(crate::discover::config::LOCAL_CONFIG_FILE)));
    files
}

/// Discovery of `root` against the generation it was last indexed into:
/// the quick walk when the generation recorded its walk and it can judge,
/// else a whole walk. The result is the one a whole walk gives.
pub fn discover_since(root: &Path, options: &DiscoveryOptions, filter: &PathFilter, previous: Option<(&Generation, &TablesView)>) -> Discovery {
    previous
        .and_then(|(generation, tables)| quick_walk(root, options, filter, generation, tables))
        .unwrap_or_else(|| discover_with(root, options, filter))
}

/// The quick walk, or `None` when it cannot judge and a whole walk must.
fn quick_walk(root: &Path, options: &DiscoveryOptions, filter: &PathFilter, generation: &Generation, tables: &TablesView) -> Option<Discovery> {
    if options.follow_links != FollowLinks::Never || generation.manifest.follow_links != FollowLinks::Never {
        return None;
    }
    let state = WalkState::read(generation)?;
    if state.max_file_bytes != options.max_file_bytes {
        return None;
    }
    for (path, seen) in &state.rule_files {
        let now = std::fs::metadata(path).ok().map(|m| (mtime_ns(&m), m.len()));
        if now != *seen {
            return None;
        }
    }
    let known: HashSet<&str> = state.folders.iter().map(|(f, _)| f.as_str()).collect();
    let mut moved: Vec<&str> = Vec::new();
    let mut found = Discovery::default();
    for (folder, mtime) in &state.folders {
        match std::fs::symlink_metadata(root.join(folder)) {
            Ok(m) if m.is_dir() && mtime_ns(&m) == *mtime => found.folders.push((folder.clone(), *mtime)),
            Ok(m) if m.is_dir() => moved.push(folder),
            // Gone, or no longer a folder: its parent's time moved, and the parent's listing says what is there now.
            _ => {}
        }
    }
    // A rule file new in a moved folder changes what is walked anywhere below it.
    let recorded: HashSet<&Path> = state.rule_files.iter().filter(|(_, seen)| seen.is_some()).map(|(path, _)| path.as_path()).collect();
    for folder in &moved {
        let dir = root.join(folder);
        if RULE_NAMES.iter().any(|name| dir.join(name).exists() && !recorded.contains(dir.join(name).as_path())) {
            return None;
        }
    }
    let moved_set: HashSet<&str> = moved.iter().copied().collect();
    // The files of folders that did not move are the same entries: a stat each.
    // The stats are most of the check: they run on the walk's threads.
    // The language by the path, as a walk gives it (a record may hold a header's refined one).
    let files: Vec<(&str, crate::parse::Language)> = tables
        .files()
        .filter(|(_, f)| moved_set.is_empty() || !moved_set.contains(parent_of(f.path)))
        .map(|(_, f)| (f.path, crate::parse::Language::detect(Path::new(f.path)).unwrap_or(f.language)))
        .collect();
    let stats: Vec<Option<Option<Candidate>>> = files
        .par_chunks(1024)
        .flat_map_iter(|chunk| {
            let mut folders = FolderStats::new(root);
            chunk.iter().map(move |&(path, language)| match folders.stat(path) {
                // Grown past the cap: what a walk says about it is a skip, which a whole walk judges.
                Seen::File { size, .. } if size > options.max_file_bytes => None,
                Seen::File { size, mtime_ns } => Some(Some(Candidate { path: path.to_string(), abs_path: root.join(path), language, size, mtime_ns })),
                // No longer a regular file (a link, a folder): a whole walk judges.
                Seen::Other => None,
                Seen::Missing => Some(None),
            })
        })
        .collect();
    for stat in stats {
        found.candidates.extend(stat?);
    }
    // Files skipped when the generation was written: too large and links
    // are what a walk skips; binary and unreadable ones a walk lists (their
    // reader skips them), so they are candidates here too.
    for skipped in tables.skipped() {
        if moved_set.contains(parent_of(&skipped.path)) {
            continue;
        }
        let abs_path = root.join(&skipped.path);
        let Ok(metadata) = std::fs::symlink_metadata(&abs_path) else { continue };
        if metadata.file_type().is_symlink() {
            if skipped.reason != SkipReason::Symlink {
                return None;
            }
            found.skipped.push(skipped);
            continue;
        }
        if !metadata.is_file() || skipped.reason == SkipReason::Symlink {
            return None;
        }
        let (size, mtime_ns) = (metadata.len(), mtime_ns(&metadata));
        if size > options.max_file_bytes {
            found.skipped.push(SkippedFile { path: skipped.path, reason: SkipReason::TooLarge { bytes: size }, size, mtime_ns });
            continue;
        }
        let Some(language) = crate::parse::Language::detect(&abs_path).filter(|l| filter.admits(*l)) else { return None };
        found.candidates.push(Candidate { path: skipped.path, abs_path, language, size, mtime_ns });
    }
    // The folders whose time moved are listed again, and new folders walked whole.
    let mut new_folders: Vec<String> = Vec::new();
    for folder in &moved {
        let listed = walk_below(root, folder, false, options, filter);
        for (sub, mtime) in listed.folders {
            if sub == *folder {
                found.folders.push((sub, mtime));
            } else if !known.contains(sub.as_str()) {
                new_folders.push(sub);
            }
        }
        found.candidates.extend(listed.candidates);
        found.skipped.extend(listed.skipped);
    }
    found.relisted = moved.len() + new_folders.len();
    for folder in new_folders {
        let mut inside = walk_below(root, &folder, true, options, filter);
        found.folders.append(&mut inside.folders);
        found.candidates.append(&mut inside.candidates);
        found.skipped.append(&mut inside.skipped);
    }
    found.candidates.sort_by(|a, b| a.path.cmp(&b.path));
    found.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    found.folders.sort();
    Some(found)
}

/// The folder of a path (`""` for a file at the root).
fn parent_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}
