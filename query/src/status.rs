//! `status`: what the opened generation holds and how far the working tree
//! has moved from it (files changed, added and deleted since indexing),
//! without reading any file: by size and modification time, and inside a
//! git work tree by the blob ids of git's index for files whose time moved.

use crate::loaded::LoadedIndex;
use ctx_indexer::{SkipReason, SkippedFile};
use ctx_indexer::git_state::{GitWorkTree, UNKNOWN_BLOB};
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
    /// Indexed files parsed as generated files: their definitions are
    /// indexed, the uses inside their bodies and values are not.
    pub generated: u64,
    /// Files passed over when indexing.
    pub skipped: u64,
    /// Bytes of the generation on disk.
    pub bytes_on_disk: u64,
    /// When it was written (ms since the epoch).
    pub created_unix_ms: u64,
    /// Indexed files whose size or modification time changed since, less
    /// those whose content git's index vouches is still what was indexed
    /// (a stat-clean entry with the recorded blob id).
    pub changed: u64,
    /// Files that would be indexed now but are not in the index.
    pub added: u64,
    /// Indexed files that are gone.
    pub deleted: u64,
    /// The model of the generation's chunk vectors; `None` when the
    /// semantic layer is off (indexed without a model).
    pub semantic: Option<String>,
    /// Files and definitions per language, most files first.
    pub languages: Vec<ctx_indexer::LanguageStats>,
    /// Which symbolic links indexing followed: `never` or `repository`.
    pub follow_symlinks: String,
    /// The symbolic links indexing passed over, by reason.
    pub links_skipped: LinksSkipped,
    /// The check listed many folders again (or walked the whole tree)
    /// because the generation's record of its walk is out of date: a
    /// refresh, even one with nothing to change, renews the record and
    /// makes the next check quick.
    #[serde(skip)]
    pub walk_record_outdated: bool,
}

/// Symbolic links passed over, by reason (each also counts as skipped).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinksSkipped {
    /// Not followed: links are followed only with `follow_symlinks = "repository"`.
    pub not_followed: u64,
    /// Their target lies outside the repository.
    pub outside: u64,
    /// Their target does not exist.
    pub dangling: u64,
    /// They lead to a folder that holds them.
    pub loops: u64,
    /// Their target is indexed under another path.
    pub duplicates: u64,
}

impl LinksSkipped {
    /// The counts of a list of skipped files.
    pub fn of(skipped: &[SkippedFile]) -> LinksSkipped {
        let mut counts = LinksSkipped::default();
        for file in skipped {
            match file.reason {
                SkipReason::Symlink => counts.not_followed += 1,
                SkipReason::LinkOutside(_) => counts.outside += 1,
                SkipReason::LinkDangling => counts.dangling += 1,
                SkipReason::LinkLoop => counts.loops += 1,
                SkipReason::LinkDuplicate(_) => counts.duplicates += 1,
                _ => {}
            }
        }
        counts
    }

    /// All of them.
    pub fn total(&self) -> u64 {
        self.not_followed + self.outside + self.dangling + self.loops + self.duplicates
    }
}

impl IndexStatus {
    /// Files that differ between the index and the working tree.
    pub fn stale_files(&self) -> u64 {
        self.changed + self.added + self.deleted
    }

    /// Whether a refresh limited to `max_changed_files` files is due: some
    /// changed, and no more than that; or none did, but the record of the
    /// walk is out of date (the refresh then only renews it).
    pub fn refresh_due(&self, max_changed_files: usize) -> bool {
        match self.stale_files() as usize {
            0 => self.walk_record_outdated,
            stale => stale <= max_changed_files,
        }
    }
}

/// Compares the opened generation with the working tree.
pub fn status(index: &LoadedIndex) -> IndexStatus {
    status_of(index, &walk(index))
}

/// The working tree as discovery sees it now, found by a quick walk
/// against the opened generation where it can judge (a stat per indexed
/// file, a listing per folder whose time moved).
pub fn walk(index: &LoadedIndex) -> ctx_indexer::discover::Discovery {
    let config = ctx_indexer::RepoConfig::load(&index.root).unwrap_or_default();
    let options = index.generation.manifest.discovery_options(&config);
    ctx_indexer::discover_since(&index.root, &options, &config.path_filter(&index.root), Some((&index.generation, &index.tables)))
}

/// [`status`] from a walk of the working tree already made, with the size
/// cap of the generation (so that the walk can overlap with opening it).
pub fn status_of(index: &LoadedIndex, now: &ctx_indexer::discover::Discovery) -> IndexStatus {
    let manifest = &index.generation.manifest;
    let mut changed = 0;
    let mut added = 0;
    // Files whose time moved at the same size: git may know they are unchanged.
    let mut touched = Vec::new();
    let mut seen = vec![false; index.tables.files_len()];
    let skipped = index.tables.skipped();
    // Both lists are sorted by path: one merge finds every candidate's record.
    let ids = index.tables.files_by_sorted_paths(now.candidates.iter().map(|c| c.path.as_str()));
    for (candidate, id) in now.candidates.iter().zip(ids) {
        match id {
            Some(id) => {
                seen[id as usize] = true;
                let record = index.tables.file(id);
                if record.size != candidate.size {
                    changed += 1;
                } else if record.mtime_ns != candidate.mtime_ns {
                    touched.push((candidate, record.blob));
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
    // Git's index is read only when some file was touched.
    let git = if touched.is_empty() { None } else { GitWorkTree::discover(&index.root).and_then(|g| g.index()) };
    for (candidate, blob) in touched {
        let vouched = blob != UNKNOWN_BLOB
            && git.as_ref().and_then(|g| g.clean_blob(&candidate.path, &candidate.abs_path, candidate.size, candidate.mtime_ns)) == Some(blob);
        if !vouched {
            changed += 1;
        }
    }
    let deleted = seen.iter().enumerate().filter(|(id, s)| !**s && index.tables.is_live_file(*id as u32)).count() as u64;
    IndexStatus {
        root: index.root.display().to_string(),
        generation: manifest.generation,
        format_version: manifest.format_version,
        files: manifest.stats.files,
        symbols: manifest.stats.symbols,
        chunks: manifest.stats.chunks,
        generated: manifest.stats.generated,
        skipped: manifest.stats.skipped,
        bytes_on_disk: manifest.bytes_on_disk(),
        created_unix_ms: manifest.created_unix_ms,
        changed,
        added,
        deleted,
        semantic: crate::retrieve::semantic_model(index),
        languages: manifest.stats.languages.clone(),
        follow_symlinks: manifest.follow_links.name().to_string(),
        links_skipped: LinksSkipped::of(&skipped),
        walk_record_outdated: now.record_outdated(),
    }
}
