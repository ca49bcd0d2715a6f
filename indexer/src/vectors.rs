//! The vectors of an index generation: one embedding per chunk, in chunk id
//! order, in `vectors.bin` beside the tables (format in `docs/format.md`).
//!
//! A run embeds only the chunks of the files it parses; the rows of reused
//! files are copied from the previous generation's file, which is exact
//! because rows are stored as written and a reused file keeps its chunks in
//! order. So a refresh writes the same bytes a full rebuild would. Rows are
//! int8 with one f32 scale per row by default (a quarter of f32's size and
//! the same top-10 on the dev tasks), read through a memory map.

use crate::chunk::ChunkSpan;
use crate::symbol::Symbol;
use ctx_embeddings::{EmbedError, Embedder, HashEmbedder, ModelStore, POTION_BASE_8M, StoreError as ModelStoreError};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The vectors file's name inside a generation directory.
pub const VECTORS_FILE: &str = "vectors.bin";
/// The first bytes of a vectors file.
pub const VECTORS_MAGIC: &[u8; 8] = b"CTXVECTR";
/// The version of the vectors file layout.
pub const VECTORS_VERSION: u32 = 1;
const HEADER_BYTES: usize = 48;
/// The text embedded per chunk is cut to this many bytes: the default static
/// model counts at most 512 tokens, which code rarely spreads over more.
const MAX_TEXT_BYTES: usize = 4096;
/// The prefix of the deterministic hash embedder's names (`ctx-hash-v1-DIMS`).
const HASH_MODEL_PREFIX: &str = "ctx-hash-v1-";

/// Which embedder an index run uses, if any.
#[derive(Clone, Default)]
pub enum SemanticOption {
    /// Keep what the current generation has (its model, or no vectors); a
    /// first build has none. The semantic layer is opt-in because it did not
    /// improve packs on the dev tasks (see `ARCHITECTURE.md`).
    #[default]
    Inherit,
    /// The model of this name from the model store.
    Model(String),
    /// No vectors.
    Off,
    /// This embedder (tests use the deterministic hash embedder).
    Embedder(Arc<dyn Embedder>),
}

impl std::fmt::Debug for SemanticOption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SemanticOption::Inherit => write!(f, "Inherit"),
            SemanticOption::Model(name) => write!(f, "Model({name:?})"),
            SemanticOption::Off => write!(f, "Off"),
            SemanticOption::Embedder(e) => write!(f, "Embedder({:?})", e.name()),
        }
    }
}

/// How rows are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VectorEncoding {
    /// Little-endian f32 components.
    F32,
    /// i8 components times one f32 scale per row.
    Int8,
}

impl VectorEncoding {
    fn code(self) -> u32 {
        match self {
            VectorEncoding::F32 => 0,
            VectorEncoding::Int8 => 1,
        }
    }

    fn from_code(code: u32) -> Option<Self> {
        match code {
            0 => Some(VectorEncoding::F32),
            1 => Some(VectorEncoding::Int8),
            _ => None,
        }
    }

    fn row_bytes(self, dimensions: usize) -> usize {
        match self {
            VectorEncoding::F32 => dimensions * 4,
            VectorEncoding::Int8 => dimensions,
        }
    }
}

/// Why vectors could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum VectorsError {
    /// The model could not be found or loaded.
    #[error(transparent)]
    Model(#[from] ModelStoreError),
    /// The embedder failed on a chunk's text.
    #[error(transparent)]
    Embed(#[from] EmbedError),
    /// The vectors file is damaged or of another layout.
    #[error("{path}: {why}; run `ctx index` to rebuild the index")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
    /// Reading the vectors file failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// The embedder a model name stands for: a hash embedder by its name, else
/// the model store's folder of that name (the part before `@`, which stored
/// vectors append a content hash to).
pub fn embedder_for_name(name: &str) -> Result<Arc<dyn Embedder>, ModelStoreError> {
    if let Some(dimensions) = name.strip_prefix(HASH_MODEL_PREFIX).and_then(|d| d.parse().ok()) {
        return Ok(Arc::new(HashEmbedder::new(dimensions)));
    }
    let folder = name.split('@').next().unwrap_or(name);
    Ok(Arc::new(ModelStore::from_env()?.load(folder)?))
}

/// The store name of a model whose vectors are named `name` (`potion-base-8M@…` -> `potion-base-8M`).
pub fn model_folder(name: &str) -> &str {
    name.split('@').next().unwrap_or(name)
}

/// Whether the default model is in the user's model store.
pub fn default_model_available() -> bool {
    ModelStore::from_env().is_ok_and(|store| store.contains(POTION_BASE_8M))
}

/// What a run wants, decided before anything is loaded: the store name of
/// the model (or the given embedder), or none.
pub(crate) enum Wanted {
    None,
    Named(String),
    Given(Arc<dyn Embedder>),
}

impl Wanted {
    /// Resolves the option against the model of the previous generation's
    /// vectors (`Some(None)` if it had none, `None` without a previous generation).
    pub(crate) fn resolve(option: &SemanticOption, previous_model: Option<Option<&str>>) -> Wanted {
        match option {
            SemanticOption::Off => Wanted::None,
            SemanticOption::Model(name) => Wanted::Named(name.clone()),
            SemanticOption::Embedder(embedder) => Wanted::Given(embedder.clone()),
            SemanticOption::Inherit => match previous_model.flatten() {
                Some(model) => Wanted::Named(model.to_string()),
                None => Wanted::None,
            },
        }
    }

    /// Whether vectors of model `previous` (or none) already are what is wanted.
    pub(crate) fn satisfied_by(&self, previous: Option<&str>) -> bool {
        match (self, previous) {
            (Wanted::None, None) => true,
            (Wanted::Named(name), Some(model)) => model == name || model_folder(model) == name,
            (Wanted::Given(embedder), Some(model)) => embedder.name() == model,
            _ => false,
        }
    }

    /// Loads the embedder.
    pub(crate) fn load(self) -> Result<Option<Arc<dyn Embedder>>, VectorsError> {
        Ok(match self {
            Wanted::None => None,
            Wanted::Named(name) => Some(embedder_for_name(&name)?),
            Wanted::Given(embedder) => Some(embedder),
        })
    }
}

/// The text embedded for one chunk: its path, the qualified name of the
/// definition it belongs to, and its lines (cut to a few kilobytes).
pub fn chunk_text(path: &str, symbol: Option<&str>, body: &str) -> String {
    let mut end = body.len().min(MAX_TEXT_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let mut text = String::with_capacity(path.len() + end + 64);
    text.push_str(path);
    text.push('\n');
    if let Some(name) = symbol {
        text.push_str(name);
        text.push('\n');
    }
    text.push_str(&body[..end]);
    text
}

/// The texts of a parsed file's chunks, in order.
pub(crate) fn file_chunk_texts(path: &str, text: &str, line_starts: &[usize], chunks: &[ChunkSpan], symbols: &[Symbol]) -> Vec<String> {
    let lines = line_starts.len().saturating_sub(1);
    chunks
        .iter()
        .map(|chunk| {
            let from = line_starts[(chunk.start_line as usize).saturating_sub(1).min(lines)];
            let to = line_starts[(chunk.end_line as usize).min(lines)];
            let symbol = chunk.symbol.and_then(|s| symbols.get(s as usize)).map(|s| s.qualified_name.as_str());
            chunk_text(path, symbol, text.get(from..to).unwrap_or_default())
        })
        .collect()
}

/// Collects the rows of a new generation in chunk id order.
pub(crate) struct VectorsBuilder<'p> {
    embedder: Arc<dyn Embedder>,
    encoding: VectorEncoding,
    /// The previous generation's vectors, when they are of the same model.
    previous: Option<&'p VectorsFile>,
    scales: Vec<f32>,
    data: Vec<u8>,
    /// Rows reserved for texts not yet embedded.
    pending: Vec<(usize, String)>,
}

impl<'p> VectorsBuilder<'p> {
    pub(crate) fn new(embedder: Arc<dyn Embedder>, previous: Option<&'p VectorsFile>) -> Self {
        let previous = previous.filter(|p| p.model == embedder.name() && p.dimensions == embedder.dimensions());
        VectorsBuilder { embedder, encoding: VectorEncoding::Int8, previous, scales: Vec::new(), data: Vec::new(), pending: Vec::new() }
    }

    /// Whether rows of reused files can be copied (otherwise every file must be parsed).
    pub(crate) fn can_reuse(&self) -> bool {
        self.previous.is_some()
    }

    fn rows(&self) -> usize {
        self.scales.len()
    }

    /// The name of the model making the vectors.
    pub(crate) fn model(&self) -> &str {
        self.embedder.name()
    }

    /// Copies the previous generation's rows `from..to` (a reused file's chunks).
    pub(crate) fn reuse(&mut self, (from, to): (u32, u32)) {
        let Some(previous) = self.previous else { return };
        for row in from as usize..to as usize {
            self.scales.push(previous.scale(row));
            self.data.extend_from_slice(previous.row_bytes(row));
        }
    }

    /// Reserves rows for a parsed file's chunks, embedded at the next [`flush`](Self::flush).
    pub(crate) fn add(&mut self, texts: Vec<String>) {
        let row_bytes = self.encoding.row_bytes(self.embedder.dimensions());
        for text in texts {
            self.pending.push((self.rows(), text));
            self.scales.push(0.0);
            self.data.resize(self.data.len() + row_bytes, 0);
        }
    }

    /// Embeds the reserved rows (the embedder parallelises a batch).
    pub(crate) fn flush(&mut self) -> Result<(), EmbedError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        let texts: Vec<&str> = pending.iter().map(|(_, t)| t.as_str()).collect();
        let vectors = self.embedder.embed(&texts)?;
        let row_bytes = self.encoding.row_bytes(self.embedder.dimensions());
        for ((row, _), vector) in pending.iter().zip(vectors) {
            let (scale, bytes) = encode(self.encoding, &vector);
            self.scales[*row] = scale;
            self.data[row * row_bytes..(row + 1) * row_bytes].copy_from_slice(&bytes);
        }
        Ok(())
    }

    /// The bytes of the vectors file, after embedding what is pending.
    pub(crate) fn finish(mut self) -> Result<Vec<u8>, EmbedError> {
        self.flush()?;
        Ok(write_file(self.embedder.name(), self.embedder.dimensions(), self.encoding, &self.scales, &self.data))
    }
}

/// Encodes a vector: f32 as is (scale 1), or int8 scaled so the largest component is ±127.
pub fn encode(encoding: VectorEncoding, vector: &[f32]) -> (f32, Vec<u8>) {
    match encoding {
        VectorEncoding::F32 => (1.0, vector.iter().flat_map(|v| v.to_le_bytes()).collect()),
        VectorEncoding::Int8 => {
            let max = vector.iter().fold(0.0f32, |m, v| m.max(v.abs()));
            if max == 0.0 {
                return (0.0, vec![0; vector.len()]);
            }
            let scale = max / 127.0;
            (scale, vector.iter().map(|v| (v / scale).round().clamp(-127.0, 127.0) as i8 as u8).collect())
        }
    }
}

fn pad8(len: usize) -> usize {
    len.div_ceil(8) * 8
}

/// Lays out a vectors file: header, model name, scales, rows.
pub fn write_file(model: &str, dimensions: usize, encoding: VectorEncoding, scales: &[f32], data: &[u8]) -> Vec<u8> {
    let name_end = pad8(HEADER_BYTES + model.len());
    let rows_at = pad8(name_end + scales.len() * 4);
    let mut out = vec![0u8; rows_at];
    out.extend_from_slice(data);
    out[..8].copy_from_slice(VECTORS_MAGIC);
    out[8..12].copy_from_slice(&VECTORS_VERSION.to_le_bytes());
    out[12..16].copy_from_slice(&encoding.code().to_le_bytes());
    out[16..20].copy_from_slice(&(dimensions as u32).to_le_bytes());
    out[20..24].copy_from_slice(&(model.len() as u32).to_le_bytes());
    out[24..32].copy_from_slice(&(scales.len() as u64).to_le_bytes());
    out[HEADER_BYTES..HEADER_BYTES + model.len()].copy_from_slice(model.as_bytes());
    for (i, scale) in scales.iter().enumerate() {
        out[name_end + 4 * i..name_end + 4 * i + 4].copy_from_slice(&scale.to_le_bytes());
    }
    let checksum = xxhash_rust::xxh3::xxh3_64(&out[HEADER_BYTES..]);
    out[32..40].copy_from_slice(&checksum.to_le_bytes());
    out
}

/// The bytes of a vectors file, mapped or read.
enum Bytes {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(map) => map,
            Bytes::Read(bytes) => bytes,
        }
    }
}

/// Maps (or reads) a vectors file.
///
/// Safety contract of the map, as for the other files of a generation
/// (`store.rs`): they are written once, fsynced before the generation
/// becomes visible and never modified in place, and a reader's lease keeps
/// the generation from being removed while it is used.
#[allow(unsafe_code)]
fn map_file(path: &Path) -> std::io::Result<Bytes> {
    let file = File::open(path)?;
    if file.metadata()?.len() == 0 {
        return Ok(Bytes::Read(Vec::new()));
    }
    // SAFETY: see the contract above.
    match unsafe { memmap2::Mmap::map(&file) } {
        Ok(map) => Ok(Bytes::Mapped(map)),
        Err(_) => std::fs::read(path).map(Bytes::Read),
    }
}

/// An opened vectors file.
pub struct VectorsFile {
    bytes: Bytes,
    model: String,
    dimensions: usize,
    encoding: VectorEncoding,
    rows: usize,
    scales_at: usize,
    rows_at: usize,
}

impl std::fmt::Debug for VectorsFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VectorsFile")
            .field("model", &self.model)
            .field("dimensions", &self.dimensions)
            .field("encoding", &self.encoding)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

impl VectorsFile {
    /// Opens the vectors file of the generation in `dir`; `Ok(None)` if it has none.
    pub fn open(dir: &Path) -> Result<Option<VectorsFile>, VectorsError> {
        let path = dir.join(VECTORS_FILE);
        let bytes = match map_file(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(VectorsError::Io { path, source }),
        };
        Self::parse(bytes).map(Some).map_err(|why| VectorsError::Corrupt { path, why })
    }

    /// Reads a vectors file from bytes (for tests and tools).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<VectorsFile, String> {
        Self::parse(Bytes::Read(bytes))
    }

    fn parse(bytes: Bytes) -> Result<VectorsFile, String> {
        if bytes.len() < HEADER_BYTES || &bytes[..8] != VECTORS_MAGIC {
            return Err("not a ctx vectors file".into());
        }
        let u32_at = |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        let u64_at = |at: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&bytes[at..at + 8]);
            u64::from_le_bytes(b)
        };
        let version = u32_at(8);
        if version != VECTORS_VERSION {
            return Err(format!("vectors layout {version}, this ctx reads {VECTORS_VERSION}"));
        }
        let encoding = VectorEncoding::from_code(u32_at(12)).ok_or("unknown vector encoding")?;
        let dimensions = u32_at(16) as usize;
        let name_len = u32_at(20) as usize;
        let rows = usize::try_from(u64_at(24)).map_err(|_| "row count too large")?;
        if dimensions == 0 {
            return Err("zero dimensions".into());
        }
        let name_end = pad8(HEADER_BYTES.saturating_add(name_len));
        let rows_at = rows.checked_mul(4).map(|s| pad8(name_end.saturating_add(s))).ok_or("row count too large")?;
        let expected = rows.checked_mul(encoding.row_bytes(dimensions)).and_then(|d| d.checked_add(rows_at)).ok_or("row count too large")?;
        if bytes.len() != expected {
            return Err(format!("{} bytes where the header implies {expected}", bytes.len()));
        }
        if xxhash_rust::xxh3::xxh3_64(&bytes[HEADER_BYTES..]) != u64_at(32) {
            return Err("checksum mismatch".into());
        }
        let model = std::str::from_utf8(&bytes[HEADER_BYTES..HEADER_BYTES + name_len]).map_err(|_| "model name is not UTF-8")?.to_string();
        Ok(VectorsFile { bytes, model, dimensions, encoding, rows, scales_at: name_end, rows_at })
    }

    /// The name of the model that made the vectors.
    pub fn model(&self) -> &str {
        &self.model
    }

    /// Components per vector.
    pub fn dimensions(&self) -> usize {
        self.dimensions
    }

    /// How rows are stored.
    pub fn encoding(&self) -> VectorEncoding {
        self.encoding
    }

    /// The number of rows (chunks).
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    fn scale(&self, row: usize) -> f32 {
        let at = self.scales_at + 4 * row;
        f32::from_le_bytes([self.bytes[at], self.bytes[at + 1], self.bytes[at + 2], self.bytes[at + 3]])
    }

    fn row_bytes(&self, row: usize) -> &[u8] {
        let size = self.encoding.row_bytes(self.dimensions);
        &self.bytes[self.rows_at + row * size..self.rows_at + (row + 1) * size]
    }

    /// The vector of `row`, decoded.
    pub fn vector(&self, row: usize) -> Vec<f32> {
        let scale = self.scale(row);
        match self.encoding {
            VectorEncoding::F32 => self.row_bytes(row).chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect(),
            VectorEncoding::Int8 => self.row_bytes(row).iter().map(|&b| b as i8 as f32 * scale).collect(),
        }
    }

    /// The dot product of `query` with row `row`.
    pub fn score(&self, row: usize, query: &[f32]) -> f32 {
        let bytes = self.row_bytes(row);
        match self.encoding {
            VectorEncoding::Int8 => {
                let mut lanes = [0.0f32; 8];
                for (q, b) in query.chunks_exact(8).zip(bytes.chunks_exact(8)) {
                    for i in 0..8 {
                        lanes[i] += q[i] * (b[i] as i8 as f32);
                    }
                }
                let tail = query.len() / 8 * 8;
                let rest: f32 = query[tail..].iter().zip(&bytes[tail..]).map(|(q, &b)| q * (b as i8 as f32)).sum();
                (lanes.iter().sum::<f32>() + rest) * self.scale(row)
            }
            VectorEncoding::F32 => {
                query.iter().zip(bytes.chunks_exact(4)).map(|(q, b)| q * f32::from_le_bytes([b[0], b[1], b[2], b[3]])).sum()
            }
        }
    }

    /// The `k` rows with the highest dot product with `query`, best first
    /// (ties by row), by an exact scan (in parallel above 64k rows).
    pub fn nearest(&self, query: &[f32], k: usize) -> Vec<(u32, f32)> {
        if k == 0 || query.len() != self.dimensions {
            return Vec::new();
        }
        let order = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        let best_of = |rows: std::ops::Range<usize>| {
            let mut hits: Vec<(u32, f32)> = rows.map(|row| (row as u32, self.score(row, query))).collect();
            if hits.len() > k {
                hits.select_nth_unstable_by(k - 1, order);
                hits.truncate(k);
            }
            hits
        };
        // Large files are scanned in parallel blocks, each keeping its best k.
        const BLOCK: usize = 65_536;
        let mut hits = if self.rows > BLOCK {
            use rayon::prelude::*;
            (0..self.rows.div_ceil(BLOCK)).into_par_iter().flat_map_iter(|b| best_of(b * BLOCK..((b + 1) * BLOCK).min(self.rows))).collect()
        } else {
            best_of(0..self.rows)
        };
        if hits.len() > k {
            hits.select_nth_unstable_by(k - 1, order);
            hits.truncate(k);
        }
        hits.sort_by(order);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int8_rows_keep_the_direction() {
        let embedder = HashEmbedder::new(32);
        let texts = ["fn parse_config(path)", "render the triangle", ""];
        let vectors = embedder.embed(&texts).expect("hash embedder");
        for encoding in [VectorEncoding::F32, VectorEncoding::Int8] {
            let mut scales = Vec::new();
            let mut data = Vec::new();
            for v in &vectors {
                let (s, b) = encode(encoding, v);
                scales.push(s);
                data.extend(b);
            }
            let file = VectorsFile::from_bytes(write_file(embedder.name(), 32, encoding, &scales, &data)).expect("parses");
            assert_eq!((file.model(), file.dimensions(), file.len()), (embedder.name(), 32, 3));
            for (row, v) in vectors.iter().enumerate() {
                let decoded = file.vector(row);
                let error: f32 = decoded.iter().zip(v).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max);
                assert!(error < 0.01, "{encoding:?} row {row}: {error}");
                let self_score = file.score(row, v);
                let expected = if row == 2 { 0.0 } else { 1.0 };
                assert!((self_score - expected).abs() < 0.02, "{encoding:?} row {row}: {self_score}");
            }
            assert_eq!(file.nearest(&vectors[1], 1)[0].0, 1);
        }
    }

    #[test]
    fn damaged_files_are_refused() {
        let (scale, bytes) = encode(VectorEncoding::Int8, &[0.6, 0.8]);
        let good = write_file("m", 2, VectorEncoding::Int8, &[scale], &bytes);
        assert!(VectorsFile::from_bytes(good.clone()).is_ok());
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(VectorsFile::from_bytes(flipped).expect_err("flipped").contains("checksum"));
        assert!(VectorsFile::from_bytes(good[..good.len() - 1].to_vec()).is_err());
        assert!(VectorsFile::from_bytes(b"CTXTABLE and more bytes than a header holds, to be sure".to_vec()).is_err());
    }

    #[test]
    fn chunk_texts_name_path_symbol_and_cut_long_bodies() {
        assert_eq!(chunk_text("a.rs", Some("S::f"), "fn f() {}\n"), "a.rs\nS::f\nfn f() {}\n");
        let long = "é".repeat(MAX_TEXT_BYTES);
        assert!(chunk_text("a", None, &long).len() <= MAX_TEXT_BYTES + 2);
    }
}
