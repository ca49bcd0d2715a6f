//! The on-disk index in `<root>/.ctx/`: a manifest naming the current
//! generation directory, generations written beside it and switched to by one
//! atomic rename, a writer lock, and the framed, checksummed tables file.
//! The format is described in `docs/format.md`.

use crate::discover::SkippedFile;
use crate::tables::TablesView;
use crate::tables_builder::{FinishError, TablesBuilder};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Bumped whenever anything written under `.ctx/` changes meaning.
pub const FORMAT_VERSION: u32 = 8;
/// The index directory's name under the root.
pub const INDEX_DIR: &str = ".ctx";
const MANIFEST_FILE: &str = "manifest.json";
const LOCK_FILE: &str = "lock";
const TABLES_FILE: &str = "tables.bin";
const TEXT_DIR: &str = "text";
const TABLES_MAGIC: &[u8; 8] = b"CTXTABLE";
/// Magic, version, padding (so the payload is 8-aligned and its rows can be
/// used in place), payload length, payload xxh3.
pub(crate) const TABLES_HEADER_BYTES: usize = 8 + 4 + 4 + 8 + 8;
const HEADER_BYTES: usize = TABLES_HEADER_BYTES;

/// Errors of the on-disk index.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No `.ctx/` with a manifest at or above the start directory.
    #[error("no ctx index at or above {start}; run `ctx index` first")]
    NotFound {
        /// Where the search started.
        start: PathBuf,
    },
    /// The index was written by another format version.
    #[error("the index at {path} has format version {found}, this ctx reads version {expected}; run `ctx index` to rebuild it")]
    VersionMismatch {
        /// The index directory.
        path: PathBuf,
        /// The version on disk.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// A file of the index is damaged.
    #[error("the index file {path} is corrupt ({why}); run `ctx index` to rebuild it")]
    Corrupt {
        /// The damaged file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
    /// An I/O operation failed.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// On what.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Writing the tantivy text index of a new generation failed.
    #[error("cannot write the text index {path}: {}", plain_text_error(source))]
    Text {
        /// The text index directory.
        path: PathBuf,
        /// The cause.
        source: tantivy::TantivyError,
    },
}

/// A tantivy error as one plain clause. Its I/O errors are what a full disk
/// or a read-only directory produces, and tantivy words them as "An IO error
/// occurred: '...'" or in debug form when opening a file failed; the OS's own
/// words with the file are what a user can act on.
fn plain_text_error(error: &tantivy::TantivyError) -> String {
    use tantivy::TantivyError;
    use tantivy::directory::error::{OpenReadError, OpenWriteError};
    match error {
        TantivyError::IoError(io) => io.to_string(),
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, filepath })
        | TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) => format!("{}: {io_error}", filepath.display()),
        other => other.to_string(),
    }
}

impl StoreError {
    pub(crate) fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + use<> {
        let path = path.to_path_buf();
        move |source| StoreError::Io { action, path, source }
    }
}

/// Counts describing one generation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexStats {
    /// Indexed files.
    pub files: u64,
    /// Definitions.
    pub symbols: u64,
    /// Chunks.
    pub chunks: u64,
    /// Files passed over.
    pub skipped: u64,
    /// Lines of indexed files.
    pub lines: u64,
    /// Bytes of indexed files.
    pub bytes: u64,
    /// Indexed files parsed as generated files (no uses recorded inside
    /// their bodies and values).
    pub generated: u64,
}

/// The small file whose atomic replacement switches generations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT_VERSION`] of the writer.
    pub format_version: u32,
    /// Increases by one with every completed index run.
    pub generation: u64,
    /// The generation's directory under `.ctx/`.
    pub directory: String,
    /// Length of the tables file.
    pub tables_bytes: u64,
    /// xxh3 of the tables file's payload.
    pub tables_xxh3: u64,
    /// When it was written (ms since the epoch).
    pub created_unix_ms: u64,
    /// Counts.
    pub stats: IndexStats,
    /// The size cap discovery used; refreshes keep it unless told otherwise.
    #[serde(default = "default_max_file_bytes")]
    pub max_file_bytes: u64,
    /// Every file of the generation with its length and xxh3, checked on
    /// open, except the tables file, which `tables_bytes` and `tables_xxh3`
    /// cover (manifests written before that rule list it too).
    pub files: Vec<FileChecksum>,
}

impl Manifest {
    /// What the generation's files take on disk.
    pub fn bytes_on_disk(&self) -> u64 {
        let listed: u64 = self.files.iter().map(|f| f.bytes).sum();
        if self.files.iter().any(|f| f.path == TABLES_FILE) { listed } else { listed + self.tables_bytes }
    }
}

fn default_max_file_bytes() -> u64 {
    crate::discover::DiscoveryOptions::default().max_file_bytes
}

/// The length and checksum of one file of a generation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileChecksum {
    /// Path relative to the generation directory, `/`-separated.
    pub path: String,
    /// Length in bytes.
    pub bytes: u64,
    /// xxh3-64 of the content.
    pub xxh3: u64,
}

/// The `.ctx/` directory of a root.
pub fn index_dir(root: &Path) -> PathBuf {
    root.join(INDEX_DIR)
}

/// Finds the index root: `start` or its nearest ancestor holding `.ctx/`, as git finds `.git`.
pub fn find_root(start: &Path) -> Result<PathBuf, StoreError> {
    let start = fs::canonicalize(start).map_err(StoreError::io("resolve", start))?;
    let mut dir = Some(start.as_path());
    while let Some(d) = dir {
        if d.join(INDEX_DIR).join(MANIFEST_FILE).is_file() {
            return Ok(d.to_path_buf());
        }
        dir = d.parent();
    }
    Err(StoreError::NotFound { start })
}

/// Reads and checks the manifest of `root`'s index.
pub fn read_manifest(root: &Path) -> Result<Manifest, StoreError> {
    let path = index_dir(root).join(MANIFEST_FILE);
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::NotFound { start: root.to_path_buf() });
        }
        Err(e) => return Err(StoreError::io("read", &path)(e)),
    };
    // Read the version alone first, so that a future layout is reported as such.
    #[derive(Deserialize)]
    struct VersionOnly {
        format_version: u32,
    }
    let version: VersionOnly = serde_json::from_slice(&bytes)
        .map_err(|e| StoreError::Corrupt { path: path.clone(), why: e.to_string() })?;
    if version.format_version != FORMAT_VERSION {
        return Err(StoreError::VersionMismatch {
            path: index_dir(root),
            found: version.format_version,
            expected: FORMAT_VERSION,
        });
    }
    serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt { path, why: e.to_string() })
}

/// One opened generation: its manifest and directory. While a `Generation`
/// (or a clone) lives, it holds a shared lock on its tables file, and no
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
        let tables = dir.join(TABLES_FILE);
        let lease = match File::open(&tables) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::Corrupt { path: tables, why: "missing".into() });
            }
            Err(e) => return Err(StoreError::io("open", &tables)(e)),
        };
        lease.lock_shared().map_err(StoreError::io("lock", &tables))?;
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
            let (bytes, xxh3) = if expected.path == TABLES_FILE {
                (fs::metadata(&path).map_err(missing)?.len(), expected.xxh3)
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

    /// Maps and verifies the tables.
    pub fn read_tables(&self) -> Result<TablesView, StoreError> {
        let path = self.dir.join(TABLES_FILE);
        let bytes = read_generation_file(&path).map_err(StoreError::io("read", &path))?;
        let corrupt = |why: String| StoreError::Corrupt { path: path.clone(), why };
        if bytes.len() as u64 != self.manifest.tables_bytes {
            return Err(corrupt(format!(
                "{} bytes where the manifest says {}",
                bytes.len(),
                self.manifest.tables_bytes
            )));
        }
        let (_, checksum) = unframe(&bytes).map_err(&corrupt)?;
        // `unframe` verified the payload against the header's checksum;
        // comparing that with the manifest's needs no second pass.
        if checksum != self.manifest.tables_xxh3 {
            return Err(corrupt("checksum mismatch".into()));
        }
        TablesView::new(bytes, HEADER_BYTES).map_err(corrupt)
    }

    /// The tantivy directory.
    pub fn text_dir(&self) -> PathBuf {
        self.dir.join(TEXT_DIR)
    }
}

/// The length and xxh3 of a file of a generation, as opening a generation
/// checks them against the manifest (through a memory map).
pub fn file_checksum(path: &Path) -> std::io::Result<(u64, u64)> {
    let bytes = read_generation_file(path)?;
    Ok((bytes.len() as u64, xxhash_rust::xxh3::xxh3_64(&bytes)))
}

/// The bytes of a file of a generation: memory-mapped where possible, so
/// checking and decoding an index does not copy it into fresh memory (on
/// the Go tree, zeroing that memory was 40% of a pack's time); read into
/// memory where mapping fails.
pub(crate) enum FileBytes {
    Mapped(memmap2::Mmap),
    /// Words, so the rows of a file read into memory are aligned as in a map.
    Read(Vec<u64>, usize),
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Mapped(map) => map,
            FileBytes::Read(words, len) => &bytemuck::cast_slice(words)[..*len],
        }
    }
}

/// Maps (or reads) a file of a generation.
///
/// Safety contract of the map: files of a generation are written once,
/// fsynced and never modified in place (tantivy segment files are
/// immutable, tables are written before the generation becomes visible),
/// and a reader's lease keeps the generation from being removed while it is
/// used. Another program truncating the file under us could still fault;
/// that is the accepted cost of mapping, as in tantivy's own mmap directory.
#[allow(unsafe_code)]
pub(crate) fn read_generation_file(path: &Path) -> std::io::Result<FileBytes> {
    let file = File::open(path)?;
    if file.metadata()?.len() == 0 {
        return Ok(FileBytes::Read(Vec::new(), 0));
    }
    // SAFETY: see the contract above.
    match unsafe { memmap2::Mmap::map(&file) } {
        Ok(map) => Ok(FileBytes::Mapped(map)),
        Err(_) => {
            let bytes = fs::read(path)?;
            let mut words = vec![0u64; bytes.len().div_ceil(8)];
            bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(&bytes);
            Ok(FileBytes::Read(words, bytes.len()))
        }
    }
}

/// Fills the header reserved at the start of `file` for its payload; returns the payload's xxh3.
fn header(payload_len: u64, checksum: u64) -> [u8; HEADER_BYTES] {
    let mut header = [0u8; HEADER_BYTES];
    header[..8].copy_from_slice(TABLES_MAGIC);
    header[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
    header[16..24].copy_from_slice(&payload_len.to_le_bytes());
    header[24..32].copy_from_slice(&checksum.to_le_bytes());
    header
}

/// Writes the tables file: a zeroed header, the payload streamed from the
/// builder, then the header with the payload's length and checksum.
fn write_tables(path: &Path, tables: TablesBuilder<'_>, skipped: &[SkippedFile]) -> Result<(u64, u64), StoreError> {
    use std::io::{Seek, SeekFrom};
    let mut file = File::create(path).map_err(StoreError::io("create", path))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, EarlyWriteback { file: &file, written: 0, started: 0 });
    out.write_all(&[0u8; HEADER_BYTES]).map_err(StoreError::io("write", path))?;
    let (len, checksum) = tables.finish(skipped, &mut out).map_err(|e| match e {
        FinishError::Io(e) => StoreError::io("write", path)(e),
        FinishError::TooLarge(e) => StoreError::Corrupt { path: path.to_path_buf(), why: e.to_string() },
    })?;
    out.flush().map_err(StoreError::io("write", path))?;
    drop(out);
    file.seek(SeekFrom::Start(0)).map_err(StoreError::io("write", path))?;
    file.write_all(&header(len, checksum)).map_err(StoreError::io("write", path))?;
    file.sync_all().map_err(StoreError::io("sync", path))?;
    Ok((HEADER_BYTES as u64 + len, checksum))
}

/// How much written data [`EarlyWriteback`] lets gather before it asks the
/// kernel to write it out.
const WRITEBACK_BYTES: u64 = 32 << 20;

/// Passes writes on to a file and has the kernel start writing each
/// [`WRITEBACK_BYTES`] to disk as soon as they are written. Left to itself,
/// the kernel holds the pages until the fsync at the end (tables stay under
/// its background threshold), which then waits for the whole file: the
/// Linux tree's 1.1 GB take about 3 s to reach a disk that writes 390 MB/s.
/// Started early, the disk works while the rest of the file is made.
struct EarlyWriteback<'f> {
    file: &'f File,
    written: u64,
    started: u64,
}

impl Write for EarlyWriteback<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut file = self.file;
        let n = file.write(bytes)?;
        self.written += n as u64;
        if self.written - self.started >= WRITEBACK_BYTES {
            start_writeback(self.file, self.started, self.written - self.started);
            self.started = self.written;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Asks the kernel to start writing `len` bytes of `file` from `offset`
/// to disk, without waiting. Only a hint: the fsync that follows is what
/// makes the data durable, so a failure here is ignored.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn start_writeback(file: &File, offset: u64, len: u64) {
    use std::os::fd::AsRawFd;
    // SAFETY: sync_file_range reads no memory of ours; the descriptor is
    // open for as long as `file` is borrowed.
    unsafe {
        libc::sync_file_range(file.as_raw_fd(), offset as libc::off64_t, len as libc::off64_t, libc::SYNC_FILE_RANGE_WRITE);
    }
}

#[cfg(not(target_os = "linux"))]
fn start_writeback(_file: &File, _offset: u64, _len: u64) {}

/// The payload of a framed tables file and its verified checksum.
fn unframe(bytes: &[u8]) -> Result<(&[u8], u64), String> {
    if bytes.len() < HEADER_BYTES || &bytes[..8] != TABLES_MAGIC {
        return Err("not a ctx tables file".into());
    }
    let word = |at: usize, n: usize| -> u64 {
        let mut buf = [0u8; 8];
        buf[..n].copy_from_slice(&bytes[at..at + n]);
        u64::from_le_bytes(buf)
    };
    let version = word(8, 4) as u32;
    if version != FORMAT_VERSION {
        return Err(format!("format version {version}, expected {FORMAT_VERSION}"));
    }
    // The payload's checksum covers everything after the header; the
    // header's padding is checked here so no byte of the file goes unchecked.
    if word(12, 4) != 0 {
        return Err("damaged header".into());
    }
    let len = word(16, 8) as usize;
    let payload = &bytes[HEADER_BYTES..];
    if payload.len() != len {
        return Err(format!("truncated: {} of {len} payload bytes", payload.len()));
    }
    let checksum = word(24, 8);
    if xxhash_rust::xxh3::xxh3_64(payload) != checksum {
        return Err("checksum mismatch".into());
    }
    Ok((payload, checksum))
}

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
        fs::create_dir_all(&dir).map_err(StoreError::io("create", &dir))?;
        let path = dir.join(LOCK_FILE);
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(StoreError::io("open", &path))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(WriterLock { _file: file, index: dir })),
            Err(fs::TryLockError::WouldBlock) if wait => {
                on_wait();
                file.lock().map_err(StoreError::io("lock", &path))?;
                Ok(Some(WriterLock { _file: file, index: dir }))
            }
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) => Err(StoreError::io("lock", &path)(e)),
        }
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
        let current = read_manifest(self.index.parent()?).ok()?.generation;
        let old: Vec<PathBuf> = generation_dirs(&self.index)
            .into_iter()
            .filter(|(generation, path)| *generation < current && !is_leased(path))
            .map(|(_, path)| path)
            .collect();
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

    /// Writes one more file of this generation (such as the chunk vectors);
    /// The commit checksums it into the manifest with the rest.
    pub fn write_file(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        write_durably(&self.dir.join(name), bytes)
    }

    /// Writes and syncs this generation's tables file (it may run while
    /// another thread finishes the text index).
    pub(crate) fn write_tables(&self, tables: TablesBuilder<'_>, skipped: &[SkippedFile]) -> Result<TablesWritten, StoreError> {
        let (bytes, xxh3) = write_tables(&self.dir.join(TABLES_FILE), tables, skipped)?;
        Ok(TablesWritten { bytes, xxh3 })
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
        max_file_bytes: u64,
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
        fs::rename(&self.dir, &final_dir).map_err(StoreError::io("rename", &self.dir))?;
        let manifest = Manifest {
            format_version: FORMAT_VERSION,
            generation: self.generation,
            directory: name,
            tables_bytes,
            tables_xxh3,
            created_unix_ms: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as u64)
                .unwrap_or(0),
            stats,
            max_file_bytes,
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

/// Whether a reader holds a shared lock on the generation's tables file.
fn is_leased(dir: &Path) -> bool {
    let Ok(file) = File::open(dir.join(TABLES_FILE)) else { return false };
    match file.try_lock() {
        Ok(()) => false,
        Err(fs::TryLockError::WouldBlock) => true,
        Err(fs::TryLockError::Error(_)) => false,
    }
}

fn generation_dirs(index: &Path) -> Vec<(u64, PathBuf)> {
    let Ok(entries) = fs::read_dir(index) else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let generation = name.strip_prefix("gen-")?.parse().ok()?;
            Some((generation, e.path()))
        })
        .collect()
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
            out.push(known);
            continue;
        }
        if relative == TABLES_FILE {
            continue; // covered by the manifest's tables_bytes and tables_xxh3
        }
        let bytes = read_generation_file(&path).map_err(StoreError::io("read", &path))?;
        out.push(FileChecksum { path: relative, bytes: bytes.len() as u64, xxh3: xxhash_rust::xxh3::xxh3_64(&bytes) });
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
        let marked = |path: &str| FileChecksum { path: format!("text/{path}"), bytes: path.len() as u64, xxh3: 7 };
        let previous = vec![marked("linked"), marked("copied"), marked("replaced")];
        let carried = CarriedChecksums { dir: &old, files: &previous };
        let files = checksum_tree(&new, &new, Some(&carried)).expect("checksums");
        let of = |path: &str| files.iter().find(|f| f.path == path).cloned();
        assert_eq!(of("text/linked"), Some(marked("linked")), "a hard link keeps the verified checksum");
        assert_eq!(of("text/copied").map(|f| f.xxh3), Some(xxhash_rust::xxh3::xxh3_64(b"copied")), "a copy is hashed");
        assert_eq!(of("text/replaced").map(|f| f.xxh3), Some(xxhash_rust::xxh3::xxh3_64(b"replaced!")));
        assert_eq!(of(TABLES_FILE), None, "the tables are covered by the manifest's own fields");
        assert_eq!(files.len(), 3);
    }
}
