//! The quick walk's stats of indexed files, relative to their folder.
//!
//! A stat of `root/a/b/c.c` resolves every component of the path again;
//! on the Linux tree, resolving (`__d_lookup_rcu`, `link_path_walk`) was
//! a quarter of the freshness check that runs before every pack. Files
//! come sorted by path, so the files of one folder come together: the
//! folder is opened once (`O_PATH`) and each file is a stat of one name
//! relative to it. Where that is not possible (another system, a folder
//! that cannot be opened), a plain stat of the whole path answers, with
//! the same result.

use std::path::Path;

/// What an `lstat` (links not followed) says of a path, as the quick walk needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seen {
    /// A regular file.
    File { size: u64, mtime_ns: u64 },
    /// Something else: a link, a folder, a device.
    Other,
    /// Nothing there, or nothing that can be looked at.
    Missing,
}

/// Stats files by their paths relative to `root`, keeping the last
/// folder open for the next file.
pub(crate) struct FolderStats<'r> {
    root: &'r Path,
    #[cfg(target_os = "linux")]
    folder: Option<(String, Option<std::os::fd::OwnedFd>)>,
}

impl<'r> FolderStats<'r> {
    pub(crate) fn new(root: &'r Path) -> FolderStats<'r> {
        FolderStats {
            root,
            #[cfg(target_os = "linux")]
            folder: None,
        }
    }

    /// The `lstat` of `path` (relative to the root, `/`-separated).
    pub(crate) fn stat(&mut self, path: &str) -> Seen {
        #[cfg(target_os = "linux")]
        if let Some(seen) = self.stat_in_folder(path) {
            return seen;
        }
        by_path(&self.root.join(path))
    }

    /// The stat relative to the file's folder, or `None` when the folder
    /// cannot be opened (the caller then stats the whole path).
    #[cfg(target_os = "linux")]
    fn stat_in_folder(&mut self, path: &str) -> Option<Seen> {
        use rustix::fs::{AtFlags, FileType, Mode, OFlags};
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        if self.folder.as_ref().is_none_or(|(open, _)| open != folder) {
            let fd = rustix::fs::open(self.root.join(folder), OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty()).ok();
            self.folder = Some((folder.to_string(), fd));
        }
        let fd = self.folder.as_ref()?.1.as_ref()?;
        Some(match rustix::fs::statat(fd, name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(stat) if FileType::from_raw_mode(stat.st_mode as _) == FileType::RegularFile => {
                // As `Metadata::modified` gives it: a time before the epoch is 0.
                let (secs, nanos) = (stat.st_mtime as i64, stat.st_mtime_nsec as i64);
                let mtime_ns = if secs < 0 { 0 } else { secs as u64 * 1_000_000_000 + nanos as u64 };
                Seen::File { size: stat.st_size as u64, mtime_ns }
            }
            Ok(_) => Seen::Other,
            Err(_) => Seen::Missing,
        })
    }
}

/// The `lstat` of a whole path.
fn by_path(path: &Path) -> Seen {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => Seen::File { size: m.len(), mtime_ns: crate::discover::mtime_ns(&m) },
        Ok(_) => Seen::Other,
        Err(_) => Seen::Missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stat_in_its_folder_is_the_stat_of_its_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).expect("mkdir");
        std::fs::write(root.join("top.c"), "int x;\n").expect("write");
        std::fs::write(root.join("a/one.c"), "int one;\n").expect("write");
        std::fs::write(root.join("a/b/two.c"), "int two;\n").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink("one.c", root.join("a/link.c")).expect("symlink");
        let paths = ["a/b/two.c", "a/b/gone.c", "a/link.c", "a/one.c", "a/b", "nowhere/x.c", "top.c", "a/one.c/x"];
        let mut stats = FolderStats::new(root);
        for path in paths {
            assert_eq!(stats.stat(path), by_path(&root.join(path)), "{path}");
        }
        assert!(matches!(stats.stat("a/one.c"), Seen::File { size: 9, mtime_ns } if mtime_ns > 0));
        assert_eq!(stats.stat("a/b"), Seen::Other);
        assert_eq!(stats.stat("a/b/gone.c"), Seen::Missing);
        // A folder removed after it was opened: its files are gone too.
        std::fs::remove_dir_all(root.join("a/b")).expect("rm");
        assert_eq!(stats.stat("a/b/two.c"), Seen::Missing);
    }
}
