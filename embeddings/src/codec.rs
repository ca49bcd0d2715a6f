//! The byte format of a vector index: a header, the ids, the f32 matrix and a checksum.
//!
//! All numbers are little-endian:
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 8 | magic `CTXVECS\0` |
//! | 8 | 4 | format version, [`VECTOR_FORMAT_VERSION`] |
//! | 12 | 4 | dimensions `d` |
//! | 16 | 8 | vector count `n` |
//! | 24 | 4 | model name length `m` |
//! | 28 | `m` | model name, UTF-8, then zeros up to a multiple of 8 |
//! | h | 8 `n` | ids, u64 |
//! | h + 8 `n` | 4 `n d` | vectors, row-major f32 |
//! | end - 8 | 8 | xxh3-64 of every byte before it |
//!
//! Only live vectors are written, so tombstones and the HNSW graph are not stored; the ids
//! and the matrix start at multiples of 8 so that a reader could map them in place.

use thiserror::Error;
use xxhash_rust::xxh3::xxh3_64;

use crate::vector_index::{VectorIndex, VectorIndexConfig};

/// The first bytes of every serialized vector index.
pub const VECTOR_MAGIC: [u8; 8] = *b"CTXVECS\0";
/// The version of the byte format; bumped on any change.
pub const VECTOR_FORMAT_VERSION: u32 = 1;

const FIXED_HEADER: usize = 28;
const CHECKSUM: usize = 8;

/// Why bytes could not be read back as a vector index.
#[derive(Debug, Error, PartialEq)]
pub enum DecodeError {
    /// The bytes do not start with [`VECTOR_MAGIC`].
    #[error("not a ctx vector index (bad magic)")]
    BadMagic,
    /// The bytes were written in another format version.
    #[error("vector index format {found}, this build reads {VECTOR_FORMAT_VERSION}")]
    UnsupportedVersion {
        /// The version found.
        found: u32,
    },
    /// The bytes end before the sizes in the header say they should.
    #[error("vector index truncated: {actual} bytes, the header needs {expected}")]
    Truncated {
        /// The length the header implies.
        expected: u64,
        /// The actual length.
        actual: u64,
    },
    /// The bytes are longer than the header says.
    #[error("vector index has {extra} bytes past its end")]
    TrailingBytes {
        /// How many bytes are extra.
        extra: u64,
    },
    /// The checksum does not match the contents.
    #[error("vector index checksum mismatch: stored {stored:016x}, computed {computed:016x}")]
    Checksum {
        /// The checksum stored in the bytes.
        stored: u64,
        /// The checksum of the contents.
        computed: u64,
    },
    /// The model name is not UTF-8.
    #[error("vector index model name is not UTF-8")]
    ModelName,
    /// The header claims zero dimensions.
    #[error("vector index has zero dimensions")]
    ZeroDimensions,
    /// The same id appears twice.
    #[error("vector index holds id {id} twice")]
    DuplicateId {
        /// The repeated id.
        id: u64,
    },
}

impl VectorIndex {
    /// The live vectors, their ids and the model name as bytes (see the module
    /// documentation of the format).
    pub fn to_bytes(&self) -> Vec<u8> {
        let model = self.model().as_bytes();
        let header = padded(FIXED_HEADER + model.len());
        let count = self.len();
        let dimensions = self.dimensions();
        let mut out = Vec::with_capacity(header + count * (8 + 4 * dimensions) + CHECKSUM);
        out.extend_from_slice(&VECTOR_MAGIC);
        out.extend_from_slice(&VECTOR_FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(dimensions as u32).to_le_bytes());
        out.extend_from_slice(&(count as u64).to_le_bytes());
        out.extend_from_slice(&(model.len() as u32).to_le_bytes());
        out.extend_from_slice(model);
        out.resize(header, 0);
        for (id, _) in self.iter() {
            out.extend_from_slice(&id.to_le_bytes());
        }
        for (_, vector) in self.iter() {
            for value in vector {
                out.extend_from_slice(&value.to_le_bytes());
            }
        }
        let checksum = xxh3_64(&out);
        out.extend_from_slice(&checksum.to_le_bytes());
        out
    }

    /// Reads an index written by [`VectorIndex::to_bytes`]; it has no graph until
    /// [`VectorIndex::update_graph`] builds one.
    pub fn from_bytes(bytes: &[u8], config: VectorIndexConfig) -> Result<Self, DecodeError> {
        if bytes.len() < VECTOR_MAGIC.len() || bytes[..8] != VECTOR_MAGIC {
            return Err(DecodeError::BadMagic);
        }
        let truncated = |expected: u64| DecodeError::Truncated {
            expected,
            actual: bytes.len() as u64,
        };
        if bytes.len() < FIXED_HEADER + CHECKSUM {
            return Err(truncated((FIXED_HEADER + CHECKSUM) as u64));
        }
        let version = read_u32(bytes, 8);
        if version != VECTOR_FORMAT_VERSION {
            return Err(DecodeError::UnsupportedVersion { found: version });
        }
        let dimensions = read_u32(bytes, 12) as u64;
        let count = read_u64(bytes, 16);
        let model_len = read_u32(bytes, 24) as u64;
        if dimensions == 0 {
            return Err(DecodeError::ZeroDimensions);
        }
        // Computed in u128 so that absurd header values cannot overflow.
        let header = padded_u128(FIXED_HEADER as u128 + model_len as u128);
        let expected =
            header + count as u128 * 8 + count as u128 * dimensions as u128 * 4 + CHECKSUM as u128;
        let expected_u64 = u64::try_from(expected).unwrap_or(u64::MAX);
        if (bytes.len() as u128) < expected {
            return Err(truncated(expected_u64));
        }
        if (bytes.len() as u128) > expected {
            return Err(DecodeError::TrailingBytes {
                extra: (bytes.len() as u128 - expected) as u64,
            });
        }
        // Every size now fits in usize, since the bytes are that long.
        let body_end = bytes.len() - CHECKSUM;
        let stored = read_u64(bytes, body_end);
        let computed = xxh3_64(&bytes[..body_end]);
        if stored != computed {
            return Err(DecodeError::Checksum { stored, computed });
        }
        let (dimensions, count, model_len, header) = (
            dimensions as usize,
            count as usize,
            model_len as usize,
            header as usize,
        );
        let model = std::str::from_utf8(&bytes[FIXED_HEADER..FIXED_HEADER + model_len])
            .map_err(|_| DecodeError::ModelName)?
            .to_string();
        let ids_end = header + count * 8;
        let ids: Vec<u64> = bytes[header..ids_end]
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
            .collect();
        let mut seen = std::collections::HashSet::with_capacity(ids.len());
        if let Some(&id) = ids.iter().find(|id| !seen.insert(**id)) {
            return Err(DecodeError::DuplicateId { id });
        }
        let matrix: Vec<f32> = bytes[ids_end..body_end]
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        Ok(VectorIndex::from_parts(
            model, dimensions, config, ids, matrix,
        ))
    }
}

fn padded(len: usize) -> usize {
    len.div_ceil(8) * 8
}

fn padded_u128(len: u128) -> u128 {
    len.div_ceil(8) * 8
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn read_u64(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}
