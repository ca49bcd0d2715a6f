//! Generations: a complete index written once into its own directory of
//! `.ctx/`, opened and checked by readers (`Generation`), and written by one
//! run (`PendingGeneration`) beside the current one until an atomic rename
//! of the manifest makes it current.

use super::error::StoreError;
use super::file_bytes::{file_checksum, read_generation_file};
use super::frame::{EarlyWriteback, TABLES_HEADER_BYTES, header, unframe, unframe_verified};
use super::lock::{WriterLock, is_leased, lease_file};
use super::manifest::{DELTA_FILE, DeltaLayer, FORMAT_VERSION, FileChecksum, Fingerprint, IndexStats, MANIFEST_FILE, Manifest, TABLES_FILE, TEXT_DIR, generation_dirs, read_manifest};
use super::layered::TablesView;
use super::tables::Segment;
use super::tables_builder::{FinishError, TablesBuilder};
use crate::discover::{DiscoveryOptions, SkippedFile};
use crate::index_dir::index_dir;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One opened generation: its manifest and directory. While a `Generation`
/// (or a clone) lives, it holds a shared lock on its lease file (see `lock`), and no
/// writer removes the generation.
#[derive(Debug, Clone)]
pub struct Generation {
    /// The manifest that named it.
    pub manifest: Manifest,
    /// Its directory.
    pub dir: PathBuf,
    _lease: Arc<File>,
}

impl Generation {
    /// Opens the current generation of `root`. A writer may switch
    /// generations between reading the manifest and taking the lease; then
    /// the manifest is read again.
    pub fn open(root: &Path) -> Result<Generation, StoreError> {
        let mut attempts = 0;
        loop {
            match Self::open_once(root) {
                Err(error) if attempts < 3 && Self::switched_since(root, &error) => attempts += 1,
                other => return other,
            }
        }
    }

    /// Whether the manifest now names another generation than the one that failed.
    fn switched_since(root: &Path, error: &StoreError) -> bool {
        let failed_dir = match error {
            StoreError::Corrupt { path, .. } | StoreError::Io { path, .. } => path.clone(),
            _ => return false,
        };
        read_manifest(root).is_ok_and(|m| !failed_dir.starts_with(index_dir(root).join(&m.directory)))
    }

    fn open_once(root: &Path) -> Result<Generation, StoreError> {
        let manifest = read_manifest(root)?;
        if manifest.directory.contains(['/', '\\']) || manifest.directory.starts_with('.') {
            return Err(StoreError::Corrupt {
                path: index_dir(root).join(MANIFEST_FILE),
                why: format!("bad generation directory {:?}", manifest.directory),
            });
        }
        let dir = index_dir(root).join(&manifest.directory);
        let leased = lease_file(&dir, manifest.delta.is_some());
        let lease = match File::open(&leased) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::Corrupt { path: leased, why: "missing".into() });
            }
            Err(e) => return Err(StoreError::io("open", &leased)(e)),
        };
        lease.lock_shared().map_err(StoreError::io("lock", &leased))?;
        let generation = Generation { manifest, dir, _lease: Arc::new(lease) };
        generation.verify_files()?;
        Ok(generation)
    }

    /// Checks every file the manifest names against its length and checksum,
    /// so a truncated or damaged file is reported instead of misread (the
    /// tables file by its length here, and by its payload's checksum in
    /// [`read_tables`](Self::read_tables)).
    fn verify_files(&self) -> Result<(), StoreError> {
        for expected in &self.manifest.files {
            if expected.path.split('/').any(|c| c == ".." || c.is_empty()) {
                return Err(StoreError::Corrupt { path: self.dir.clone(), why: format!("bad file name {:?} in the manifest", expected.path) });
            }
            let path = self.dir.join(&expected.path);
            let missing = |e: std::io::Error| match e.kind() {
                std::io::ErrorKind::NotFound => StoreError::Corrupt { path: path.clone(), why: "missing".into() },
                _ => StoreError::io("read", &path)(e),
            };
            // Older manifests list the tables file too; `read_tables`, which
            // every reader calls, checks its whole payload, so hashing it
            // here as well would read the largest file of the index twice.
            // A file that is still the one verified when it was written is
            // not read at all: opening then costs a stat per file, not a
            // pass over the whole generation.
            let metadata = fs::metadata(&path).map_err(missing)?;
            let (bytes, xxh3) = if expected.path == TABLES_FILE || expected.verified.matches(Fingerprint::of_metadata(&metadata)) {
                (metadata.len(), expected.xxh3)
            } else {
                file_checksum(&path).map_err(missing)?
            };
            if bytes != expected.bytes {
                return Err(StoreError::Corrupt { path, why: format!("{bytes} bytes where the manifest says {}", expected.bytes) });
            }
            if xxh3 != expected.xxh3 {
                return Err(StoreError::Corrupt { path, why: "checksum mismatch".into() });
            }
        }
        Ok(())
    }

    /// Maps and verifies the tables: the tables file, and the delta over it
    /// when the manifest names one.
    pub fn read_tables(&self) -> Result<TablesView, StoreError> {
        let path = self.dir.join(TABLES_FILE);
        let verified = self.manifest.tables_verified.matches(Fingerprint::of(&path));
        let base = read_segment(&path, self.manifest.tables_bytes, self.manifest.tables_xxh3, verified)?;
        let Some(layer) = &self.manifest.delta else { return Ok(TablesView::single(base)) };
        let path = self.dir.join(DELTA_FILE);
        let Some(listed) = self.manifest.files.iter().find(|f| f.path == DELTA_FILE) else {
            return Err(StoreError::Corrupt { path, why: "a delta the manifest does not list".into() });
        };
        // `verify_files` checked its length and checksum on open.
        let verified = listed.verified.matches(Fingerprint::of(&path));
        let delta = read_segment(&path, listed.bytes, None, verified)?;
        TablesView::layered(base, delta, &layer.hidden).map_err(|why| StoreError::Corrupt { path, why })
    }

    /// The tantivy directory.
    pub fn text_dir(&self) -> PathBuf {
        self.dir.join(TEXT_DIR)
    }
}

/// Maps and checks one tables file of `len` bytes whose payload has the
/// checksum `xxh3` (when the manifest gives it). A file verified when it
/// was written is trusted as it is: its rows were checked then, and
/// neither they nor the checksum are recomputed (either would read every
/// page of the largest file of the index on every open). Any other is
/// checked in full.
fn read_segment(path: &Path, len: u64, xxh3: impl Into<Option<u64>>, verified: bool) -> Result<Segment, StoreError> {
    let bytes = read_generation_file(path).map_err(StoreError::io("read", path))?;
    let corrupt = |why: String| StoreError::Corrupt { path: path.to_path_buf(), why };
    if bytes.len() as u64 != len {
        return Err(corrupt(format!("{} bytes where the manifest says {len}", bytes.len())));
    }
    let (_, checksum) = if verified { unframe_verified(&bytes) } else { unframe(&bytes) }.map_err(&corrupt)?;
    // `unframe` verified the payload against the header's checksum;
    // comparing that with the manifest's needs no second pass.
    if xxh3.into().is_some_and(|expected| checksum != expected) {
        return Err(corrupt("checksum mismatch".into()));
    }
    if verified {
        bytes.advise_random();
        Segment::new_verified(bytes, TABLES_HEADER_BYTES).map_err(corrupt)
    } else {
        Segment::new(bytes, TABLES_HEADER_BYTES).map_err(corrupt)
    }
}

/// Writes the tables file: a zeroed header, the payload streamed from the
/// builder, then the header with the payload's length and checksum.
fn write_tables(path: &Path, tables: TablesBuilder<'_>, skipped: &[SkippedFile]) -> Result<(u64, u64), StoreError> {
    use std::io::{Seek, SeekFrom};
    let mut file = File::create(path).map_err(StoreError::io("create", path))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, EarlyWriteback { file: &file, written: 0, started: 0 });
    out.write_all(&[0u8; TABLES_HEADER_BYTES]).map_err(StoreError::io("write", path))?;
    let (len, checksum) = tables.finish(skipped, &mut out).map_err(|e| match e {
        FinishError::Io(e) => StoreError::io("write", path)(e),
        FinishError::TooLarge(e) => StoreError::Corrupt { path: path.to_path_buf(), why: e.to_string() },
        FinishError::Invalid(why) => StoreError::Corrupt { path: path.to_path_buf(), why },
    })?;
    out.flush().map_err(StoreError::io("write", path))?;
    drop(out);
    file.seek(SeekFrom::Start(0)).map_err(StoreError::io("write", path))?;
    file.write_all(&header(len, checksum)).map_err(StoreError::io("write", path))?;
    file.sync_all().map_err(StoreError::io("sync", path))?;
    Ok((TABLES_HEADER_BYTES as u64 + len, checksum))
}

/// Writes and syncs a tables file at `path` outside any generation, for a
/// generation begun later to adopt ([`PendingGeneration::adopt_tables`]).
pub(crate) fn write_staged_tables(path: &Path, tables: TablesBuilder<'_>, skipped: &[SkippedFile]) -> Result<TablesWritten, StoreError> {
    let (bytes, xxh3) = write_tables(path, tables, skipped)?;
    Ok(TablesWritten { bytes, xxh3 })
}

/// Hard-links every file under `from` into `to` (a copy where links are not
/// possible), but the top-level files named in `except` and tantivy's lock
/// files, which belong to their own directory. Generation files are never
/// modified in place, so sharing them is safe.
pub(crate) fn link_files(from: &Path, to: &Path, except: &[&str]) -> Result<(), StoreError> {
    fs::create_dir_all(to).map_err(StoreError::io("create", to))?;
    for entry in fs::read_dir(from).map_err(StoreError::io("list", from))?.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if except.contains(&name.as_ref()) || name.starts_with(".tantivy-") {
            continue;
        }
        if source.is_dir() {
            link_files(&source, &target, &[])?;
        } else if fs::hard_link(&source, &target).is_err() {
            fs::copy(&source, &target).map_err(StoreError::io("copy", &source))?;
        }
    }
    Ok(())
}

/// A generation being written; invisible to readers until it is committed.
pub struct PendingGeneration {
    root: PathBuf,
    generation: u64,
    dir: PathBuf,
    _lock: WriterLock,
}

impl PendingGeneration {
    /// Starts generation N+1 in a temporary directory. The caller has taken
    /// the lock and removed leftovers of killed runs ([`WriterLock::remove_leftovers`]).
    pub fn begin(root: &Path, lock: WriterLock) -> Result<PendingGeneration, StoreError> {
        let index = index_dir(root);
        let previous = read_manifest(root).map(|m| m.generation).unwrap_or(0);
        let highest_on_disk = generation_dirs(&index).into_iter().map(|(g, _)| g).max().unwrap_or(0);
        let generation = previous.max(highest_on_disk) + 1;
        let dir = index.join(format!("tmp-{generation:06}"));
        fs::create_dir_all(dir.join(TEXT_DIR)).map_err(StoreError::io("create", &dir))?;
        Ok(PendingGeneration { root: root.to_path_buf(), generation, dir, _lock: lock })
    }

    /// Where the text index of this generation is written.
    pub fn text_dir(&self) -> PathBuf {
        self.dir.join(TEXT_DIR)
    }

    /// The generation number being written.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The directory the generation is written in.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one more file of this generation (such as the chunk vectors);
    /// The commit checksums it into the manifest with the rest.
    pub fn write_file(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        write_durably(&self.dir.join(name), bytes)
    }

    /// Writes and syncs this generation's tables file (it may run while
    /// another thread finishes the text index).
    pub(crate) fn write_tables(&self, tables: TablesBuilder<'_>, skipped: &[SkippedFile]) -> Result<TablesWritten, StoreError> {
        // The builder checks its rows as a reader checks an unknown file's
        // before it writes them, and the checksum is of the bytes written:
        // readers then trust the file while it is this one. (Reading it back
        // to check it again held the whole file mapped beside the rest of a
        // cold build: 1.4 GB more at its peak on the Linux tree.)
        let (bytes, xxh3) = write_tables(&self.dir.join(TABLES_FILE), tables, skipped)?;
        Ok(TablesWritten { bytes, xxh3 })
    }

    /// Moves in a tables file written and verified before this generation
    /// began ([`write_staged_tables`], on the same file system), and
    /// hard-links every other file of `previous` but its tables, its delta
    /// and the top-level files named in `except`: a generation that holds
    /// what `previous` holds, in one tables file.
    pub(crate) fn adopt_tables(&self, staged: &Path, previous: &Generation, except: &[&str]) -> Result<(), StoreError> {
        let mut except = except.to_vec();
        except.extend([TABLES_FILE, DELTA_FILE]);
        link_files(&previous.dir, &self.dir, &except)?;
        let target = self.dir.join(TABLES_FILE);
        fs::rename(staged, &target).map_err(StoreError::io("rename", staged))
    }

    /// Writes a delta (the tables of the files a refresh wrote) over the
    /// tables file of `previous`, which this generation shares by a hard
    /// link (a copy where links are not possible). The commit checksums
    /// the delta with the other files; the shared file keeps its checksum.
    pub(crate) fn write_delta(&self, delta: TablesBuilder<'_>, skipped: &[SkippedFile], previous: &Generation) -> Result<TablesWritten, StoreError> {
        let (source, target) = (previous.dir.join(TABLES_FILE), self.dir.join(TABLES_FILE));
        if fs::hard_link(&source, &target).is_err() {
            fs::copy(&source, &target).map_err(StoreError::io("copy", &source))?;
        }
        write_tables(&self.dir.join(DELTA_FILE), delta, skipped)?;
        Ok(TablesWritten { bytes: previous.manifest.tables_bytes, xxh3: previous.manifest.tables_xxh3 })
    }

    /// Makes everything durable and switches readers to this generation
    /// with one atomic rename of the manifest.
    ///
    /// `previous` is the generation this one was refreshed from: files
    /// hard-linked from it keep the checksums its manifest gives them (it
    /// was verified when opened), so a refresh hashes only what it wrote.
    pub(crate) fn commit(
        self,
        tables: TablesWritten,
        stats: IndexStats,
        delta: Option<DeltaLayer>,
        discovery: &DiscoveryOptions,
        previous: Option<&Generation>,
    ) -> Result<Manifest, StoreError> {
        let TablesWritten { bytes: tables_bytes, xxh3: tables_xxh3 } = tables;
        sync_tree(&self.dir)?;

        let index = index_dir(&self.root);
        let name = format!("gen-{:06}", self.generation);
        let final_dir = index.join(&name);
        if final_dir.exists() {
            fs::remove_dir_all(&final_dir).map_err(StoreError::io("remove", &final_dir))?;
        }
        let carried = previous.map(|g| CarriedChecksums { dir: &g.dir, files: &g.manifest.files });
        let files = checksum_tree(&self.dir, &self.dir, carried.as_ref())?;
        // Renaming the directory keeps inodes and times: the tables as verified now.
        let tables_verified = Fingerprint::of(&self.dir.join(TABLES_FILE));
        fs::rename(&self.dir, &final_dir).map_err(StoreError::io("rename", &self.dir))?;
        let manifest = Manifest {
            format_version: FORMAT_VERSION,
            generation: self.generation,
            directory: name,
            tables_bytes,
            tables_xxh3,
            tables_verified,
            created_unix_ms: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as u64)
                .unwrap_or(0),
            stats,
            max_file_bytes: discovery.max_file_bytes,
            follow_links: discovery.follow_links,
            delta,
            files,
        };
        if let Err(error) = switch_manifest(&index, &manifest) {
            // Readers still see the previous generation; this one was never
            // current, so it goes, and a full disk gets its space back.
            let _ = fs::remove_file(index.join(format!("{MANIFEST_FILE}.tmp")));
            let _ = fs::remove_dir_all(&final_dir);
            return Err(error);
        }
        // Keep the previous generation for readers that opened it a moment
        // ago, and any older one a reader still holds a lease on.
        for (generation, path) in generation_dirs(&index) {
            if generation + 1 < self.generation && !is_leased(&path) {
                let _ = fs::remove_dir_all(path);
            }
        }
        Ok(manifest)
    }
}

/// The length and payload checksum of a tables file written for a
/// pending generation: what its manifest records.
pub(crate) struct TablesWritten {
    bytes: u64,
    xxh3: u64,
}

impl TablesWritten {
    /// A tables file of this length and payload checksum, written and verified by the caller.
    pub(crate) fn new(bytes: u64, xxh3: u64) -> TablesWritten {
        TablesWritten { bytes, xxh3 }
    }
}

impl Drop for PendingGeneration {
    /// A run that fails before its commit (a full disk, an error of the text
    /// index) removes what it wrote at once rather than leaving it to the
    /// next run, so the space is free again; after a commit the directory
    /// has been renamed and there is nothing to remove.
    fn drop(&mut self) {
        if self.dir.exists() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes `manifest` beside the current one and renames it over it: the
/// atomic switch of readers to its generation. Nothing fallible comes
/// after the rename, so an error means the switch did not happen.
fn switch_manifest(index: &Path, manifest: &Manifest) -> Result<(), StoreError> {
    let json = serde_json::to_vec_pretty(manifest).map_err(|e| StoreError::Corrupt { path: index.to_path_buf(), why: e.to_string() })?;
    let tmp = index.join(format!("{MANIFEST_FILE}.tmp"));
    write_durably(&tmp, &json)?;
    fs::rename(&tmp, index.join(MANIFEST_FILE)).map_err(StoreError::io("rename", &tmp))?;
    sync_dir(index)
}

/// The checksums of a verified generation, for the files a new one shares with it.
struct CarriedChecksums<'a> {
    dir: &'a Path,
    files: &'a [FileChecksum],
}

impl CarriedChecksums<'_> {
    /// The checksum of `relative` when the new generation's file at `path`
    /// is the very file (a hard link) the verified generation has there.
    /// Generation files are never modified in place (tantivy replaces its
    /// meta files by renames), so the same inode has the same bytes.
    fn of(&self, relative: &str, path: &Path) -> Option<FileChecksum> {
        let known = self.files.iter().find(|f| f.path == relative)?;
        same_file(path, &self.dir.join(relative)).then(|| known.clone())
    }
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino() && a.len() == b.len(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

/// Lengths and checksums of every file under `dir`, sorted by path; files
/// shared with a verified generation keep its checksums.
fn checksum_tree(base: &Path, dir: &Path, carried: Option<&CarriedChecksums<'_>>) -> Result<Vec<FileChecksum>, StoreError> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(StoreError::io("list", dir))?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(checksum_tree(base, &path, carried)?);
            continue;
        }
        let relative = crate::discover::relative(base, &path);
        if let Some(known) = carried.and_then(|c| c.of(&relative, &path)) {
            out.push(FileChecksum { verified: Fingerprint::of(&path), ..known });
            continue;
        }
        if relative == TABLES_FILE {
            continue; // covered by the manifest's tables_bytes and tables_xxh3
        }
        let bytes = read_generation_file(&path).map_err(StoreError::io("read", &path))?;
        let verified = Fingerprint::of(&path);
        out.push(FileChecksum { path: relative, bytes: bytes.len() as u64, xxh3: xxhash_rust::xxh3::xxh3_64(&bytes), verified });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn write_durably(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = File::create(path).map_err(StoreError::io("create", path))?;
    file.write_all(bytes).map_err(StoreError::io("write", path))?;
    file.sync_all().map_err(StoreError::io("sync", path))
}

/// Fsyncs every file under `dir` and the directories themselves.
fn sync_tree(dir: &Path) -> Result<(), StoreError> {
    for entry in fs::read_dir(dir).map_err(StoreError::io("list", dir))?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sync_tree(&path)?;
        } else {
            File::open(&path)
                .and_then(|f| f.sync_all())
                .map_err(StoreError::io("sync", &path))?;
        }
    }
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    // Directories cannot be fsynced on every platform; where opening fails the
    // rename is still atomic, only its durability across power loss is weaker.
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn checksums_are_carried_only_for_the_very_same_files() {
        let root = tempfile::tempdir().expect("tempdir");
        let (old, new) = (root.path().join("gen-1"), root.path().join("tmp-2"));
        std::fs::create_dir_all(old.join("text")).expect("mkdir");
        std::fs::create_dir_all(new.join("text")).expect("mkdir");
        for name in ["linked", "copied", "replaced"] {
            std::fs::write(old.join("text").join(name), name).expect("write");
        }
        std::fs::hard_link(old.join("text/linked"), new.join("text/linked")).expect("link");
        std::fs::copy(old.join("text/copied"), new.join("text/copied")).expect("copy");
        std::fs::write(new.join("text/replaced"), "replaced!").expect("write");
        std::fs::write(new.join(TABLES_FILE), "tables").expect("write");
        // Checksums no file has, so a carried one is told from a computed one.
        let marked = |path: &str| FileChecksum { path: format!("text/{path}"), bytes: path.len() as u64, xxh3: 7, verified: Fingerprint::default() };
        let previous = vec![marked("linked"), marked("copied"), marked("replaced")];
        let carried = CarriedChecksums { dir: &old, files: &previous };
        let files = checksum_tree(&new, &new, Some(&carried)).expect("checksums");
        let of = |path: &str| files.iter().find(|f| f.path == path).cloned();
        let linked = FileChecksum { verified: Fingerprint::of(&new.join("text/linked")), ..marked("linked") };
        assert_eq!(of("text/linked"), Some(linked), "a hard link keeps the verified checksum, and is fingerprinted as it is now");
        assert!(files.iter().all(|f| f.verified != Fingerprint::default()), "every file is fingerprinted: {files:?}");
        assert_eq!(of("text/copied").map(|f| f.xxh3), Some(xxhash_rust::xxh3::xxh3_64(b"copied")), "a copy is hashed");
        assert_eq!(of("text/replaced").map(|f| f.xxh3), Some(xxhash_rust::xxh3::xxh3_64(b"replaced!")));
        assert_eq!(of(TABLES_FILE), None, "the tables are covered by the manifest's own fields");
        assert_eq!(files.len(), 3);
    }
}
