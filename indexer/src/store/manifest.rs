//! The manifest: the small file in `.ctx/` whose atomic replacement
//! switches readers from one generation to the next, what it records of a
//! generation, the names of what a generation holds, and the generation
//! directories beside it.

use super::error::StoreError;
use crate::discover::{DiscoveryOptions, FollowLinks};
use crate::index_dir::{INDEX_DIR, index_dir};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};

/// Bumped whenever anything written under `.ctx/` changes meaning.
pub const FORMAT_VERSION: u32 = 12;
pub(crate) const MANIFEST_FILE: &str = "manifest.json";
pub(crate) const TABLES_FILE: &str = "tables.bin";
pub(crate) const DELTA_FILE: &str = "delta.bin";
pub(crate) const TEXT_DIR: &str = "text";

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
    /// Files and definitions per language, most files first.
    #[serde(default)]
    pub languages: Vec<LanguageStats>,
    /// Terms per text-index field over all chunks (path, names, doc, body),
    /// the corpus statistics of BM25; `None` in manifests written before them.
    #[serde(default)]
    pub field_terms: Option<[u64; 4]>,
}

impl IndexStats {
    /// Adds the counts of `other` (files indexed elsewhere) to these, or
    /// takes them away (files these count that are gone). Skipped files
    /// are not counted by file: the caller sets them.
    pub(crate) fn combine(&mut self, other: &IndexStats, add: bool) {
        let apply = |total: &mut u64, part: u64| *total = if add { *total + part } else { total.saturating_sub(part) };
        apply(&mut self.files, other.files);
        apply(&mut self.symbols, other.symbols);
        apply(&mut self.chunks, other.chunks);
        apply(&mut self.lines, other.lines);
        apply(&mut self.bytes, other.bytes);
        apply(&mut self.generated, other.generated);
        if let (Some(total), Some(part)) = (self.field_terms.as_mut(), other.field_terms) {
            for (total, part) in total.iter_mut().zip(part) {
                apply(total, part);
            }
        }
        for part in &other.languages {
            let at = match self.languages.iter().position(|l| l.language == part.language) {
                Some(at) => at,
                None => {
                    self.languages.push(LanguageStats { files: 0, symbols: 0, ..part.clone() });
                    self.languages.len() - 1
                }
            };
            apply(&mut self.languages[at].files, part.files);
            apply(&mut self.languages[at].symbols, part.symbols);
        }
        self.languages.retain(|l| l.files > 0);
        self.languages.sort_by(|a, b| b.files.cmp(&a.files).then_with(|| a.language.cmp(&b.language)));
    }
}

/// The files and definitions of one language in a generation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageStats {
    /// The language's name (`kotlin`; `text` for files indexed as text).
    pub language: String,
    /// Indexed files of the language.
    pub files: u64,
    /// Their definitions.
    pub symbols: u64,
    /// Whether its files are indexed as text only (no grammar in this build).
    pub text_only: bool,
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
    /// The tables file as it was when its checksum was verified (when written).
    #[serde(default)]
    pub tables_verified: Fingerprint,
    /// When it was written (ms since the epoch).
    pub created_unix_ms: u64,
    /// Counts.
    pub stats: IndexStats,
    /// The size cap discovery used; refreshes keep it unless told otherwise.
    #[serde(default = "default_max_file_bytes")]
    pub max_file_bytes: u64,
    /// Which symbolic links discovery followed; refreshes keep it unless told otherwise.
    #[serde(default)]
    pub follow_links: FollowLinks,
    /// The refresh layer over the tables file, when the generation has one
    /// (see [`DeltaLayer`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta: Option<DeltaLayer>,
    /// Every file of the generation with its length and xxh3, checked on
    /// open, except the tables file, which `tables_bytes` and `tables_xxh3`
    /// cover (manifests written before that rule list it too).
    pub files: Vec<FileChecksum>,
}

impl Manifest {
    /// What discovery applies to compare the working tree with this
    /// generation, as a refresh would: the configuration's size cap and
    /// link setting, else this generation's.
    pub fn discovery_options(&self, config: &crate::discover::config::RepoConfig) -> DiscoveryOptions {
        DiscoveryOptions {
            max_file_bytes: config.max_file_bytes.unwrap_or(self.max_file_bytes),
            follow_links: config.follow_links.unwrap_or(self.follow_links),
        }
    }

    /// What the generation's files take on disk.
    pub fn bytes_on_disk(&self) -> u64 {
        let listed: u64 = self.files.iter().map(|f| f.bytes).sum();
        if self.files.iter().any(|f| f.path == TABLES_FILE) { listed } else { listed + self.tables_bytes }
    }
}

fn default_max_file_bytes() -> u64 {
    DiscoveryOptions::default().max_file_bytes
}

/// A delta over the tables file: the tables of the files a refresh wrote
/// (`delta.bin`, listed with the generation's other files), which hide the
/// tables file's records of the same files and of deleted ones. The tables
/// file is then the one an earlier generation wrote, shared by a hard link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeltaLayer {
    /// Ids of the tables file's files the delta hides, sorted.
    pub hidden: Vec<u32>,
    /// The counts of the tables file alone, which the generation's counts
    /// are derived from (they are this, less the hidden files, plus the delta).
    pub base_stats: IndexStats,
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
    /// The file as it was when its checksum was verified (when written).
    #[serde(default)]
    pub verified: Fingerprint,
}

/// What identifies a file whose checksum was verified: its inode and
/// modification time. Generation files are never written in place after
/// the manifest names them, so a file with the same inode, time and length
/// has the bytes that were verified, and opening it need not read them all
/// again. All zero (manifests of older versions, platforms without inodes):
/// never matches, so the file is hashed on every open as before.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The inode number (`st_ino`).
    pub inode: u64,
    /// The modification time in nanoseconds since the epoch.
    pub mtime_ns: u64,
}

impl Fingerprint {
    /// The fingerprint of the file at `path` now; all zero when unknown.
    pub fn of(path: &Path) -> Fingerprint {
        fs::metadata(path).map(|m| Fingerprint::of_metadata(&m)).unwrap_or_default()
    }

    /// The fingerprint of a file's metadata.
    pub fn of_metadata(metadata: &fs::Metadata) -> Fingerprint {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Fingerprint { inode: metadata.ino(), mtime_ns: crate::discover::mtime_ns(metadata) }
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            Fingerprint::default()
        }
    }

    /// Whether `self` was recorded and `now` is the same file.
    pub fn matches(self, now: Fingerprint) -> bool {
        self != Fingerprint::default() && self == now
    }
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

/// The completed generation directories under `index`, with their numbers.
pub(crate) fn generation_dirs(index: &Path) -> Vec<(u64, PathBuf)> {
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
