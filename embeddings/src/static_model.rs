//! `StaticEmbedder`: a model2vec static model (one token-embedding matrix plus a tokenizer).
//!
//! A text's vector is the mean of the rows of its token ids, L2-normalised, as model2vec
//! computes it: the tokenizer runs without special tokens, special and unknown tokens are
//! dropped, and at most [`StaticEmbedder::max_tokens`] tokens count. The matrix is converted
//! to one `Vec<f32>` at load time, so pooling is a plain loop over rows.

use std::path::{Path, PathBuf};

use candle_core::{DType, Device};
use rayon::prelude::*;
use thiserror::Error;
use tokenizers::Tokenizer;
use xxhash_rust::xxh3::Xxh3;

use crate::embedder::{EmbedError, Embedder, normalize};

/// The weights file of a model2vec folder.
pub const MODEL_FILE: &str = "model.safetensors";
/// The tokenizer file of a model2vec folder.
pub const TOKENIZER_FILE: &str = "tokenizer.json";
/// The tensor that model2vec names its token-embedding matrix.
pub const EMBEDDINGS_TENSOR: &str = "embeddings";
/// The default number of tokens of a text that count, as in model2vec.
pub const DEFAULT_MAX_TOKENS: usize = 512;

/// Texts are cut at whitespace to at most this many bytes per allowed token before tokenizing,
/// so that a huge text costs no more than its first tokens. Code tokens average 3 to 4 bytes;
/// when the cut text still has too few tokens, the whole text is tokenized instead, so the
/// result is always that of the whole text.
const BYTES_PER_TOKEN_BOUND: usize = 8;

/// Batches at least this large are embedded in parallel with rayon.
const PARALLEL_BATCH: usize = 16;

/// Why a model folder could not be loaded.
#[derive(Debug, Error)]
pub enum ModelError {
    /// A required file is missing.
    #[error("{path}: missing; a model2vec folder holds {MODEL_FILE} and {TOKENIZER_FILE}")]
    Missing {
        /// The file that was looked for.
        path: PathBuf,
    },
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The safetensors file is not valid or holds no usable matrix.
    #[error("{path}: not a model2vec weights file: {message}")]
    Weights {
        /// The weights file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The tokenizer file could not be parsed.
    #[error("{path}: not a tokenizer file: {message}")]
    Tokenizer {
        /// The tokenizer file.
        path: PathBuf,
        /// The tokenizer crate's message.
        message: String,
    },
    /// A file of another kind of model (such as a BERT configuration) is not valid.
    #[error("{path}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The tokenizer knows more tokens than the matrix has rows.
    #[error("{path}: the tokenizer has {tokens} tokens but the matrix only {rows} rows")]
    VocabularyMismatch {
        /// The model folder.
        path: PathBuf,
        /// The tokenizer's vocabulary size, added tokens included.
        tokens: usize,
        /// The rows of the matrix.
        rows: usize,
    },
}

/// A model2vec static embedding model held in memory.
pub struct StaticEmbedder {
    name: String,
    tokenizer: Tokenizer,
    /// Row-major `rows x dimensions`.
    matrix: Vec<f32>,
    rows: usize,
    dimensions: usize,
    /// `skip[id]` is true for special and unknown tokens, which do not count.
    skip: Vec<bool>,
    max_tokens: usize,
}

impl std::fmt::Debug for StaticEmbedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticEmbedder")
            .field("name", &self.name)
            .field("rows", &self.rows)
            .field("dimensions", &self.dimensions)
            .field("max_tokens", &self.max_tokens)
            .finish_non_exhaustive()
    }
}

impl StaticEmbedder {
    /// Loads the model2vec folder `dir`: `model.safetensors` (one 2-D tensor, preferably named
    /// `embeddings`, of any float type) and `tokenizer.json`.
    ///
    /// The model's name is the folder name followed by a hash of both files, so two different
    /// models never share a name even when their folders do.
    pub fn load(dir: &Path) -> Result<Self, ModelError> {
        let weights_path = dir.join(MODEL_FILE);
        let tokenizer_path = dir.join(TOKENIZER_FILE);
        for path in [&weights_path, &tokenizer_path] {
            if !path.is_file() {
                return Err(ModelError::Missing { path: path.clone() });
            }
        }
        let weights_bytes = std::fs::read(&weights_path).map_err(|source| ModelError::Io {
            path: weights_path.clone(),
            source,
        })?;
        let tokenizer_bytes = std::fs::read(&tokenizer_path).map_err(|source| ModelError::Io {
            path: tokenizer_path.clone(),
            source,
        })?;
        let (matrix, rows, dimensions) =
            read_matrix(&weights_bytes).map_err(|message| ModelError::Weights {
                path: weights_path.clone(),
                message,
            })?;
        let tokenizer =
            Tokenizer::from_bytes(&tokenizer_bytes).map_err(|e| ModelError::Tokenizer {
                path: tokenizer_path.clone(),
                message: e.to_string(),
            })?;
        let tokens = tokenizer.get_vocab_size(true);
        if tokens > rows {
            return Err(ModelError::VocabularyMismatch {
                path: dir.to_path_buf(),
                tokens,
                rows,
            });
        }
        let mut skip = vec![false; rows];
        let specials = tokenizer
            .get_added_tokens_decoder()
            .into_iter()
            .filter(|(_, token)| token.special)
            .map(|(id, _)| id);
        let unknowns = ["[UNK]", "<unk>"]
            .iter()
            .filter_map(|token| tokenizer.token_to_id(token));
        for id in specials.chain(unknowns) {
            if let Some(flag) = skip.get_mut(id as usize) {
                *flag = true;
            }
        }
        let mut hasher = Xxh3::new();
        hasher.update(&weights_bytes);
        hasher.update(&tokenizer_bytes);
        let folder = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "model".to_string());
        let name = format!("{folder}@{:016x}", hasher.digest());
        Ok(StaticEmbedder {
            name,
            tokenizer,
            matrix,
            rows,
            dimensions,
            skip,
            max_tokens: DEFAULT_MAX_TOKENS,
        })
    }

    /// The same model counting at most `max_tokens` tokens of each text (at least 1).
    pub fn with_max_tokens(mut self, max_tokens: usize) -> Self {
        self.max_tokens = max_tokens.max(1);
        self
    }

    /// The number of tokens of a text that count.
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// The number of rows of the token-embedding matrix.
    pub fn vocabulary_size(&self) -> usize {
        self.rows
    }

    /// Embeds one text.
    pub fn embed_one(&self, text: &str) -> Result<Vec<f32>, EmbedError> {
        self.embed_text(text)
            .map_err(|message| EmbedError::Tokenize {
                model: self.name.clone(),
                index: 0,
                message,
            })
    }

    fn embed_text(&self, text: &str) -> Result<Vec<f32>, String> {
        let prefix = word_prefix(text, self.max_tokens.saturating_mul(BYTES_PER_TOKEN_BOUND));
        let (mut sum, counted) = self.sum_rows(prefix)?;
        if counted < self.max_tokens && prefix.len() < text.len() {
            // The cut removed tokens that would have counted: do the whole text.
            (sum, _) = self.sum_rows(text)?;
        }
        // The mean and the sum point the same way, so normalising the sum gives the mean's
        // unit vector.
        normalize(&mut sum);
        Ok(sum)
    }

    /// The sum of the rows of the first `max_tokens` counted tokens of `text`, and how many
    /// tokens that is.
    fn sum_rows(&self, text: &str) -> Result<(Vec<f32>, usize), String> {
        let encoding = self
            .tokenizer
            .encode_fast(text, false)
            .map_err(|e| e.to_string())?;
        let mut sum = vec![0.0f32; self.dimensions];
        let mut counted = 0usize;
        for &id in encoding.get_ids() {
            if counted == self.max_tokens {
                break;
            }
            let id = id as usize;
            if id >= self.rows || self.skip[id] {
                continue;
            }
            let row = &self.matrix[id * self.dimensions..(id + 1) * self.dimensions];
            for (total, value) in sum.iter_mut().zip(row) {
                *total += value;
            }
            counted += 1;
        }
        Ok((sum, counted))
    }
}

impl Embedder for StaticEmbedder {
    fn name(&self) -> &str {
        &self.name
    }

    fn dimensions(&self) -> usize {
        self.dimensions
    }

    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let one = |(index, text): (usize, &&str)| {
            self.embed_text(text)
                .map_err(|message| EmbedError::Tokenize {
                    model: self.name.clone(),
                    index,
                    message,
                })
        };
        if texts.len() >= PARALLEL_BATCH {
            texts.par_iter().enumerate().map(one).collect()
        } else {
            texts.iter().enumerate().map(one).collect()
        }
    }
}

/// Reads the token-embedding matrix from safetensors bytes: the tensor named `embeddings`, or
/// the only tensor of the file. Returns the row-major values, the rows and the columns.
fn read_matrix(bytes: &[u8]) -> Result<(Vec<f32>, usize, usize), String> {
    let mut tensors =
        candle_core::safetensors::load_buffer(bytes, &Device::Cpu).map_err(|e| e.to_string())?;
    let tensor = match tensors.remove(EMBEDDINGS_TENSOR) {
        Some(tensor) => tensor,
        None if tensors.len() == 1 => match tensors.into_values().next() {
            Some(tensor) => tensor,
            None => return Err("no tensor".to_string()),
        },
        None => {
            let mut names: Vec<_> = tensors.into_keys().collect();
            names.sort();
            return Err(format!(
                "no tensor named `{EMBEDDINGS_TENSOR}` among {}",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            ));
        }
    };
    let (rows, columns) = tensor.dims2().map_err(|_| {
        format!(
            "the matrix has shape {:?}, not rows x columns",
            tensor.dims()
        )
    })?;
    if rows == 0 || columns == 0 {
        return Err(format!("the matrix is empty ({rows} x {columns})"));
    }
    let values = tensor
        .to_dtype(DType::F32)
        .and_then(|t| t.flatten_all())
        .and_then(|t| t.to_vec1::<f32>())
        .map_err(|e| e.to_string())?;
    if values.iter().any(|v| !v.is_finite()) {
        return Err("the matrix holds NaN or infinite values".to_string());
    }
    Ok((values, rows, columns))
}

/// The longest prefix of `text` of at most `max_bytes` bytes that ends before whitespace (or,
/// if the prefix holds none, on a char boundary), so that its words tokenize as in `text`.
fn word_prefix(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let prefix = &text[..end];
    match prefix.rfind(char::is_whitespace) {
        Some(space) if space > 0 => &prefix[..space],
        _ => prefix,
    }
}
