//! The locks of `.ctx/`: the writer's lock (one index run at a time per
//! root, an OS file lock released on exit, also after `kill -9`) and the
//! readers' leases (a shared lock on a file of the generation a reader
//! opened, which keeps writers from removing it: see [`lease_file`]).

use super::error::StoreError;
use super::manifest::{DELTA_FILE, TABLES_FILE, generation_dirs, read_manifest};
use crate::index_dir::index_dir;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

const LOCK_FILE: &str = "lock";

/// The lock of the one merge of layers that may run per root (see [`MergeLock`]).
const MERGE_LOCK_FILE: &str = "merge.lock";

/// Where a merge of layers writes its tables file before it takes the
/// writer's lock to commit it.
pub(crate) const MERGE_STAGING_DIR: &str = "merge-staging";

/// The exclusive right to write the index of one root, held until dropped.
pub struct WriterLock {
    _file: File,
    index: PathBuf,
}

impl WriterLock {
    /// Takes the lock; if another process holds it, calls `on_wait` once and
    /// blocks until it is free, unless `wait` is false.
    pub fn acquire(root: &Path, wait: bool, on_wait: impl FnOnce()) -> Result<Option<WriterLock>, StoreError> {
        let dir = index_dir(root);
        let file = lock_file(&dir, LOCK_FILE, wait, on_wait)?;
        Ok(file.map(|file| WriterLock { _file: file, index: dir }))
    }
}

/// Opens `name` in the index directory `dir` (made if missing) and locks it
/// exclusively: `None` when another process holds it and `wait` is false;
/// else, if it is held, calls `on_wait` once and blocks until it is free.
fn lock_file(dir: &Path, name: &str, wait: bool, on_wait: impl FnOnce()) -> Result<Option<File>, StoreError> {
    fs::create_dir_all(dir).map_err(StoreError::io("create", dir))?;
    let path = dir.join(name);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(StoreError::io("open", &path))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(fs::TryLockError::WouldBlock) if wait => {
            on_wait();
            file.lock().map_err(StoreError::io("lock", &path))?;
            Ok(Some(file))
        }
        Err(fs::TryLockError::WouldBlock) => Ok(None),
        Err(fs::TryLockError::Error(e)) => Err(StoreError::io("lock", &path)(e)),
    }
}

impl WriterLock {
    /// Starts removing, on another thread, the generations older than the
    /// current one that no reader holds. A run would otherwise unlink them
    /// after its switch, with nothing else to do meanwhile (0.8 s of a
    /// refresh of the Linux tree); readers only ever open the current
    /// generation, and one that raced a switch holds its lease or retries.
    /// The caller joins the thread before it returns.
    pub fn start_removing_old_generations(&self) -> Option<std::thread::JoinHandle<()>> {
        let old = unheld_old_generations(&self.index);
        if old.is_empty() {
            return None;
        }
        std::thread::Builder::new()
            .name("old-generations".into())
            .spawn(move || {
                for path in old {
                    let _ = fs::remove_dir_all(path);
                }
            })
            .ok()
    }

    /// Removes generations that killed runs left half-written. Holding the
    /// lock proves that nobody is writing them.
    pub fn remove_leftovers(&self) -> Result<(), StoreError> {
        let index = &self.index;
        for entry in fs::read_dir(index).map_err(StoreError::io("list", index))?.flatten() {
            if entry.file_name().to_string_lossy().starts_with("tmp-") {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        Ok(())
    }
}

/// The generations of the index directory `index` older than its current
/// one that no reader holds.
fn unheld_old_generations(index: &Path) -> Vec<PathBuf> {
    let Some(current) = index.parent().and_then(|root| read_manifest(root).ok()).map(|m| m.generation) else { return Vec::new() };
    generation_dirs(index)
        .into_iter()
        .filter(|(generation, path)| *generation < current && !is_leased(path))
        .map(|(_, path)| path)
        .collect()
}

/// Removes, on this thread, the generations of `root`'s index older than
/// its current one that no reader holds, without the writer's lock: a
/// writer only ever reads the current generation, and a reader that raced
/// the switch holds its lease or retries. A merge of layers, which nobody
/// waits for, calls it after its commit; the next refresh would otherwise
/// unlink the old tables file, and on ext4 its own fsyncs then wait for
/// the journal to free a gigabyte of extents (0.14 s of the first one-file
/// refresh after a merge of the Linux tree).
pub(crate) fn remove_old_generations(root: &Path) {
    for path in unheld_old_generations(&index_dir(root)) {
        let _ = fs::remove_dir_all(path);
    }
}

/// The right to merge the layers of one root's index, held until dropped:
/// one merge at a time, so two never write the same staging directory. It
/// is not the writer's lock, which a merge takes only to commit (see
/// `pipeline::merge`): refreshes go on while it writes.
pub struct MergeLock {
    _file: File,
    staging: PathBuf,
}

impl MergeLock {
    /// Takes the lock (`None`: another merge holds it and `wait` is false)
    /// and empties the staging directory, which only a merge that was
    /// killed leaves behind.
    pub fn acquire(root: &Path, wait: bool) -> Result<Option<MergeLock>, StoreError> {
        let dir = index_dir(root);
        let Some(file) = lock_file(&dir, MERGE_LOCK_FILE, wait, || {})? else { return Ok(None) };
        let staging = dir.join(MERGE_STAGING_DIR);
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(StoreError::io("remove", &staging))?;
        }
        fs::create_dir_all(&staging).map_err(StoreError::io("create", &staging))?;
        Ok(Some(MergeLock { _file: file, staging }))
    }

    /// Whether a merge holds the lock now: a stale answer is fine for
    /// deciding whether to start one (a merge that finds the lock taken
    /// reports `AlreadyRunning`).
    pub fn is_held(root: &Path) -> bool {
        locked_by_another(&index_dir(root).join(MERGE_LOCK_FILE))
    }

    /// The staging directory, empty when the lock was taken.
    pub(crate) fn staging(&self) -> &Path {
        &self.staging
    }
}

impl Drop for MergeLock {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.staging);
    }
}

/// The file of a generation that its readers lock: its delta when it has
/// one, else its tables file. A layered generation shares its tables file
/// with the generation that wrote it (a hard link, one inode), and a lock
/// on it would hold both; its delta is its own.
pub(crate) fn lease_file(dir: &Path, layered: bool) -> PathBuf {
    dir.join(if layered { DELTA_FILE } else { TABLES_FILE })
}

/// Whether a reader holds a shared lock on the generation's lease file.
pub(crate) fn is_leased(dir: &Path) -> bool {
    let layered = dir.join(DELTA_FILE).exists();
    locked_by_another(&lease_file(dir, layered))
}

/// Whether another open file holds a lock on `path` now (a file that cannot
/// be opened is not locked). It only looks: the answer may be stale at once.
fn locked_by_another(path: &Path) -> bool {
    File::open(path).is_ok_and(|file| matches!(file.try_lock(), Err(fs::TryLockError::WouldBlock)))
}
