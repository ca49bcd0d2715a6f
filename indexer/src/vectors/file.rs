//! The `vectors.bin` file of a generation: its layout (see `docs/format.md`),
//! int8 and f32 rows, writing, and reading through a memory map with an
//! exact nearest-row scan.

use super::error::VectorsError;
use std::fs::File;
use std::path::Path;

/// The vectors file's name inside a generation directory.
pub const VECTORS_FILE: &str = "vectors.bin";
/// The first bytes of a vectors file.
pub const VECTORS_MAGIC: &[u8; 8] = b"CTXVECTR";
/// The version of the vectors file layout.
pub const VECTORS_VERSION: u32 = 1;
const HEADER_BYTES: usize = 48;

/// How rows are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VectorEncoding {
    /// Little-endian f32 components.
    F32,
    /// i8 components times one f32 scale per row.
    Int8,
}

impl VectorEncoding {
    pub(crate) fn code(self) -> u32 {
        match self {
            VectorEncoding::F32 => 0,
            VectorEncoding::Int8 => 1,
        }
    }

    pub(crate) fn from_code(code: u32) -> Option<Self> {
        match code {
            0 => Some(VectorEncoding::F32),
            1 => Some(VectorEncoding::Int8),
            _ => None,
        }
    }

    pub(crate) fn row_bytes(self, dimensions: usize) -> usize {
        match self {
            VectorEncoding::F32 => dimensions * 4,
            VectorEncoding::Int8 => dimensions,
        }
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

    pub(crate) fn scale(&self, row: usize) -> f32 {
        let at = self.scales_at + 4 * row;
        f32::from_le_bytes([self.bytes[at], self.bytes[at + 1], self.bytes[at + 2], self.bytes[at + 3]])
    }

    pub(crate) fn row_bytes(&self, row: usize) -> &[u8] {
        let size = self.encoding.row_bytes(self.dimensions);
        &self.bytes[self.rows_at + row * size..self.rows_at + (row + 1) * size]
    }

    /// The vector of `row`, decoded.
    pub fn vector(&self, row: usize) -> Vec<f32> {
        decode_row(self.encoding, self.row_bytes(row), self.scale(row))
    }

    /// The dot product of `query` with row `row`.
    pub fn score(&self, row: usize, query: &[f32]) -> f32 {
        score_row(self.encoding, self.row_bytes(row), self.scale(row), query)
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

/// A stored row decoded to f32.
pub(crate) fn decode_row(encoding: VectorEncoding, bytes: &[u8], scale: f32) -> Vec<f32> {
    match encoding {
        VectorEncoding::F32 => bytes.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect(),
        VectorEncoding::Int8 => bytes.iter().map(|&b| b as i8 as f32 * scale).collect(),
    }
}

/// The dot product of `query` with a stored row.
pub(crate) fn score_row(encoding: VectorEncoding, bytes: &[u8], scale: f32, query: &[f32]) -> f32 {
    match encoding {
        VectorEncoding::Int8 => {
            let mut lanes = [0.0f32; 8];
            for (q, b) in query.chunks_exact(8).zip(bytes.chunks_exact(8)) {
                for i in 0..8 {
                    lanes[i] += q[i] * (b[i] as i8 as f32);
                }
            }
            let tail = query.len() / 8 * 8;
            let rest: f32 = query[tail..].iter().zip(&bytes[tail.min(bytes.len())..]).map(|(q, &b)| q * (b as i8 as f32)).sum();
            (lanes.iter().sum::<f32>() + rest) * scale
        }
        VectorEncoding::F32 => query.iter().zip(bytes.chunks_exact(4)).map(|(q, b)| q * f32::from_le_bytes([b[0], b[1], b[2], b[3]])).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ctx_embeddings::{Embedder, HashEmbedder};

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
}
