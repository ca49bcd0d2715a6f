//! A portable index: the current generation of one root written to a
//! single file (`ctx index --export`), and installed into another checkout
//! of the same repository (`ctx index --import`), so that CI builds an index
//! once and laptops reuse it. Paths in a generation are relative to the
//! root and every file is checksummed, so the file is the same wherever it
//! goes; records carry content hashes and git blob ids, so the first
//! refresh after an import reads only the files whose content differs.
//!
//! The file: the magic `CTXPORT1`, the format version (u32) and a zero
//! u32, the length of a JSON header (u64) and the header, then each file
//! of the generation in the header's order, then the xxh3 (u64) of all that
//! precedes it. The header holds the manifest's counts and settings and,
//! per file, its path, length and xxh3.

use super::error::StoreError;
use super::frame::{TABLES_HEADER_BYTES, unframe};
use super::generation::{Generation, PendingGeneration, TablesWritten};
use super::lock::WriterLock;
use super::layered::TablesView;
use super::manifest::{DELTA_FILE, DeltaLayer, FORMAT_VERSION, IndexStats, TABLES_FILE};
use super::tables::Segment;
use super::file_bytes::read_generation_file;
use crate::discover::{DiscoveryOptions, FollowLinks};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

const MAGIC: &[u8; 8] = b"CTXPORT1";

/// An import is refused as another repository's when fewer than this share
/// of the indexed files exist under the root.
const SAME_REPOSITORY_SHARE: f64 = 0.5;

/// What the header of an exported index says.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format_version: u32,
    /// The generation exported, for the record.
    generation: u64,
    stats: IndexStats,
    max_file_bytes: u64,
    follow_links: FollowLinks,
    tables_bytes: u64,
    tables_xxh3: u64,
    /// The delta over the tables file, as the manifest records it (its
    /// file is one of `files`).
    #[serde(default)]
    delta: Option<DeltaLayer>,
    files: Vec<PortableFile>,
}

/// One file of the exported generation.
#[derive(Debug, Serialize, Deserialize)]
struct PortableFile {
    path: String,
    bytes: u64,
    xxh3: u64,
}

/// What an export or import did.
#[derive(Debug, Clone)]
pub struct PortableReport {
    /// The generation exported, or installed.
    pub generation: u64,
    /// Indexed files it holds.
    pub files: u64,
    /// Bytes of the exported file.
    pub bytes: u64,
}

/// Writes the current generation of `root` to `out` (through a temporary
/// file beside it, renamed when complete).
pub fn export_index(root: &Path, out: &Path) -> Result<PortableReport, StoreError> {
    let generation = Generation::open(root)?;
    // The export is only as good as what it copies: checked in full, as a reader would.
    generation.read_tables()?;
    let manifest = &generation.manifest;
    let mut files: Vec<PortableFile> = vec![PortableFile { path: TABLES_FILE.into(), bytes: manifest.tables_bytes, xxh3: 0 }];
    files.extend(manifest.files.iter().filter(|f| f.path != TABLES_FILE).map(|f| PortableFile { path: f.path.clone(), bytes: f.bytes, xxh3: f.xxh3 }));
    let header = Header {
        format_version: FORMAT_VERSION,
        generation: manifest.generation,
        stats: manifest.stats.clone(),
        max_file_bytes: manifest.max_file_bytes,
        follow_links: manifest.follow_links,
        tables_bytes: manifest.tables_bytes,
        tables_xxh3: manifest.tables_xxh3,
        delta: manifest.delta.clone(),
        files,
    };
    let tmp = out.with_extension("ctx-export-tmp");
    let written = write_export(&generation.dir, &header, &tmp);
    if let Err(error) = written {
        let _ = fs::remove_file(&tmp);
        return Err(error);
    }
    fs::rename(&tmp, out).map_err(StoreError::io("rename", &tmp))?;
    let bytes = fs::metadata(out).map_err(StoreError::io("stat", out))?.len();
    Ok(PortableReport { generation: manifest.generation, files: manifest.stats.files, bytes })
}

fn write_export(dir: &Path, header: &Header, tmp: &Path) -> Result<(), StoreError> {
    let file = File::create(tmp).map_err(StoreError::io("create", tmp))?;
    let mut out = HashingWriter { inner: BufWriter::new(file), hash: Xxh3::new() };
    let json = serde_json::to_vec(header).map_err(|e| StoreError::Corrupt { path: tmp.to_path_buf(), why: e.to_string() })?;
    let io = |e: std::io::Error| StoreError::io("write", tmp)(e);
    out.write_all(MAGIC).map_err(&io)?;
    out.write_all(&FORMAT_VERSION.to_le_bytes()).map_err(&io)?;
    out.write_all(&0u32.to_le_bytes()).map_err(&io)?;
    out.write_all(&(json.len() as u64).to_le_bytes()).map_err(&io)?;
    out.write_all(&json).map_err(&io)?;
    for entry in &header.files {
        let path = dir.join(&entry.path);
        let mut source = File::open(&path).map_err(StoreError::io("read", &path))?;
        let copied = std::io::copy(&mut (&mut source).take(entry.bytes), &mut out).map_err(StoreError::io("read", &path))?;
        if copied != entry.bytes {
            return Err(StoreError::Corrupt { path, why: format!("{copied} bytes where the manifest says {}", entry.bytes) });
        }
    }
    let sum = out.hash.digest();
    let mut inner = out.inner;
    inner.write_all(&sum.to_le_bytes()).map_err(&io)?;
    let file = inner.into_inner().map_err(|e| StoreError::io("write", tmp)(e.into_error()))?;
    file.sync_all().map_err(StoreError::io("sync", tmp))
}

/// Installs the index exported to `file` as the next generation of `root`,
/// after checking its format, every checksum, and that it indexes this
/// repository. Nothing is installed when any check fails.
pub fn import_index(root: &Path, file: &Path, wait_for_lock: bool) -> Result<PortableReport, StoreError> {
    let refuse = |why: String| StoreError::BadExport { path: file.to_path_buf(), why };
    let source = File::open(file).map_err(StoreError::io("open", file))?;
    let total = source.metadata().map_err(StoreError::io("stat", file))?.len();
    let mut input = HashingReader { inner: BufReader::new(source), hash: Xxh3::new() };
    let io = |e: std::io::Error| StoreError::io("read", file)(e);
    let mut fixed = [0u8; 24];
    input.read_exact(&mut fixed).map_err(|_| refuse("not an exported ctx index (too short)".into()))?;
    if &fixed[..8] != MAGIC {
        return Err(refuse("not an exported ctx index (`ctx index --export` writes them)".into()));
    }
    let version = u32::from_le_bytes([fixed[8], fixed[9], fixed[10], fixed[11]]);
    if version != FORMAT_VERSION {
        return Err(refuse(format!("it holds an index of format {version}, and this ctx reads format {FORMAT_VERSION}")));
    }
    let header_len = u64::from_le_bytes(fixed[16..24].try_into().map_err(|_| refuse("damaged header".into()))?);
    if header_len > total {
        return Err(refuse("damaged header length".into()));
    }
    let mut json = vec![0u8; header_len as usize];
    input.read_exact(&mut json).map_err(|_| refuse("truncated header".into()))?;
    let header: Header = serde_json::from_slice(&json).map_err(|e| refuse(format!("damaged header: {e}")))?;
    let declared: u64 = header.files.iter().map(|f| f.bytes).sum();
    if 24 + header_len + declared + 8 != total {
        return Err(refuse(format!("{total} bytes where its header describes {}", 24 + header_len + declared + 8)));
    }
    for entry in &header.files {
        let bad = entry.path.split('/').any(|c| c.is_empty() || c == "." || c == "..") || entry.path.starts_with('/');
        if bad {
            return Err(refuse(format!("bad file name {:?}", entry.path)));
        }
    }

    let Some(lock) = WriterLock::acquire(root, wait_for_lock, || {})? else {
        return Err(StoreError::Io {
            action: "lock",
            path: root.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::WouldBlock, "another ctx is indexing this root"),
        });
    };
    lock.remove_leftovers()?;
    let pending = PendingGeneration::begin(root, lock)?;
    let dir = pending.dir().to_path_buf();
    for entry in &header.files {
        let path = dir.join(&entry.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(StoreError::io("create", parent))?;
        }
        let out = File::create(&path).map_err(StoreError::io("create", &path))?;
        let mut out = HashingWriter { inner: BufWriter::new(out), hash: Xxh3::new() };
        let copied = std::io::copy(&mut (&mut input).take(entry.bytes), &mut out).map_err(&io)?;
        if copied != entry.bytes {
            return Err(refuse(format!("truncated in {}", entry.path)));
        }
        let sum = out.hash.digest();
        let file = out.inner.into_inner().map_err(|e| StoreError::io("write", &path)(e.into_error()))?;
        file.sync_all().map_err(StoreError::io("sync", &path))?;
        if entry.path != TABLES_FILE && sum != entry.xxh3 {
            return Err(refuse(format!("checksum mismatch in {}", entry.path)));
        }
    }
    let expected = input.hash.digest();
    let mut trailer = [0u8; 8];
    input.inner.read_exact(&mut trailer).map_err(|_| refuse("truncated (no checksum at the end)".into()))?;
    if u64::from_le_bytes(trailer) != expected {
        return Err(refuse("checksum mismatch".into()));
    }

    // The tables are checked in full, and must index this repository.
    let tables_path = dir.join(TABLES_FILE);
    let bytes = read_generation_file(&tables_path).map_err(StoreError::io("read", &tables_path))?;
    let corrupt = |why: String| refuse(format!("{TABLES_FILE}: {why}"));
    if bytes.len() as u64 != header.tables_bytes {
        return Err(corrupt(format!("{} bytes where its header says {}", bytes.len(), header.tables_bytes)));
    }
    let (_, checksum) = unframe(&bytes).map_err(corrupt)?;
    if checksum != header.tables_xxh3 {
        return Err(refuse(format!("{TABLES_FILE}: checksum mismatch")));
    }
    let base = Segment::new(bytes, TABLES_HEADER_BYTES).map_err(|why| refuse(format!("{TABLES_FILE}: {why}")))?;
    let tables = match &header.delta {
        None => TablesView::single(base),
        Some(layer) => {
            let delta_path = dir.join(DELTA_FILE);
            let bytes = read_generation_file(&delta_path).map_err(|_| refuse(format!("{DELTA_FILE}: missing")))?;
            let corrupt = |why: String| refuse(format!("{DELTA_FILE}: {why}"));
            unframe(&bytes).map_err(corrupt)?;
            let delta = Segment::new(bytes, TABLES_HEADER_BYTES).map_err(corrupt)?;
            TablesView::layered(base, delta, &layer.hidden).map_err(corrupt)?
        }
    };
    let indexed = tables.live_files_len();
    let present = tables.files().filter(|(_, f)| root.join(f.path).is_file()).count();
    if indexed > 0 && (present as f64) < SAME_REPOSITORY_SHARE * indexed as f64 {
        return Err(StoreError::Foreign { root: root.to_path_buf(), present, indexed });
    }
    drop(tables);

    let discovery = DiscoveryOptions { max_file_bytes: header.max_file_bytes, follow_links: header.follow_links };
    let written = TablesWritten::new(header.tables_bytes, header.tables_xxh3);
    let manifest = pending.commit(written, header.stats, header.delta, &discovery, None)?;
    let bytes = total;
    Ok(PortableReport { generation: manifest.generation, files: manifest.stats.files, bytes })
}

/// A writer that hashes what passes through it.
struct HashingWriter<W> {
    inner: W,
    hash: Xxh3,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A reader that hashes what passes through it.
struct HashingReader<R> {
    inner: R,
    hash: Xxh3,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
}
