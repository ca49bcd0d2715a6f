//! Change detection through git. When the index root lies in a git work
//! tree, git's own index (`.git/index`) holds each tracked file's stat data
//! and blob id, so a file whose modification time moved can be judged
//! without reading it: if its index entry is stat-clean, git already knows
//! its content. Every failure (no repository, a bare or SHA-256 one, an
//! unreadable, corrupt or unsupported index) means "git does not know", and
//! callers fall back to reading the file: correctness never depends on git.

use gix::bstr::{BStr, BString, ByteSlice, ByteVec};
use gix::index::entry::{Flags, Mode, Stage, Stat, stat};
use std::path::Path;

/// A git blob id (SHA-1), as stored per file in the tables.
pub type BlobId = [u8; 20];

/// The blob id of a file whose id is not known (indexed outside git).
pub const UNKNOWN_BLOB: BlobId = [0; 20];

/// The git work tree an index root lies in.
pub struct GitWorkTree {
    repo: gix::Repository,
    /// The root relative to the work tree, `/`-separated with a trailing
    /// `/`, or empty when the root is the work tree itself: git's index
    /// names paths from the top of the work tree, discovery from the root.
    prefix: BString,
}

impl GitWorkTree {
    /// The work tree that holds `root`, if git can open it: a non-bare
    /// SHA-1 repository whose work tree contains `root`.
    pub fn discover(root: &Path) -> Option<GitWorkTree> {
        let root = std::fs::canonicalize(root).ok()?;
        let repo = gix::discover(&root).ok()?;
        if repo.object_hash() != gix::hash::Kind::Sha1 {
            return None;
        }
        let workdir = std::fs::canonicalize(repo.workdir()?).ok()?;
        let inside = root.strip_prefix(&workdir).ok()?.to_path_buf();
        let mut prefix = BString::default();
        for component in inside.components() {
            // A root below `.git` is not part of the work tree.
            let name = gix::path::os_str_into_bstr(component.as_os_str()).ok()?;
            if name == ".git" {
                return None;
            }
            prefix.push_str(name);
            prefix.push(b'/');
        }
        Some(GitWorkTree { repo, prefix })
    }

    /// Reads git's index now. `None` when it is missing or unreadable (a new
    /// repository, a corrupt file, an extension gix does not support).
    pub fn index(&self) -> Option<GitIndex> {
        let index = self.repo.open_index().ok()?;
        // The options say which stat fields git compares (`core.trustCTime`,
        // `core.checkStat`); its defaults when the configuration is odd.
        let options = self.repo.stat_options().unwrap_or_default();
        Some(GitIndex { index, prefix: self.prefix.clone(), options })
    }
}

/// The blob id git gives `bytes` when they are stored without a filter:
/// SHA-1 of `blob <len>\0` followed by the bytes. This is computed from the
/// bytes as read, never taken from git's index, so a record's id never
/// depends on git's filters (`core.autocrlf`, `.gitattributes`) or on when
/// git last refreshed its index: a refresh and a full rebuild agree.
pub fn blob_id(bytes: &[u8]) -> BlobId {
    match gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, bytes) {
        Ok(id) => id.as_slice().try_into().unwrap_or(UNKNOWN_BLOB),
        // Only a detected SHA-1 collision attack fails: such a file's id is
        // left unknown, which makes every later comparison read it.
        Err(_) => UNKNOWN_BLOB,
    }
}

/// A snapshot of git's index, for asking what git knows about a file.
pub struct GitIndex {
    index: gix::index::File,
    prefix: BString,
    options: stat::Options,
}

impl GitIndex {
    /// The blob id git's index holds for the file at `path` (relative to the
    /// index root, `/`-separated), if its entry is stat-clean for the file
    /// as discovery saw it (`size`, `mtime_ns`); `None` when git does not
    /// know the content without reading it.
    ///
    /// "Stat-clean" follows git and gix-status: the entry is an unconflicted
    /// regular file, not marked assume-valid, skip-worktree or intent-to-add;
    /// its stat data matches the file's under the repository's stat options;
    /// a recorded size of 0 is only trusted for the empty blob (git zeroes
    /// the size of racily modified entries); and the entry is not racy, that
    /// is its modification time is older than the index file's own (a file
    /// changed in the same second the index was written may differ from what
    /// git recorded).
    pub fn clean_blob(&self, path: &str, abs_path: &Path, size: u64, mtime_ns: u64) -> Option<BlobId> {
        let mut key = self.prefix.clone();
        key.push_str(path);
        let entry = self.index.entry_by_path_and_stage(BStr::new(key.as_bytes()), Stage::Unconflicted)?;
        if entry.mode != Mode::FILE && entry.mode != Mode::FILE_EXECUTABLE {
            return None;
        }
        if entry.flags.intersects(Flags::ASSUME_VALID | Flags::SKIP_WORKTREE | Flags::INTENT_TO_ADD) {
            return None;
        }
        if entry.id.is_empty_blob() != (entry.stat.size == 0) {
            return None;
        }
        let metadata = gix::index::fs::Metadata::from_path_no_follow(abs_path).ok()?;
        // The file must still be the one discovery saw, whose size and time
        // the new record will carry.
        if !metadata.is_file() || metadata.len() != size || super::walk::system_time_ns(metadata.modified()) != mtime_ns {
            return None;
        }
        let now = Stat::from_fs(&metadata).ok()?;
        if !now.matches(&entry.stat, self.options) || now.is_racy(self.index.timestamp(), self.options) {
            return None;
        }
        entry.id.as_slice().try_into().ok()
    }
}
