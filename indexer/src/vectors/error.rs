//! Why vectors could not be made or read: one error for the model, the
//! embedder and the vectors and graph files.

use ctx_embeddings::{EmbedError, StoreError as ModelStoreError};
use std::path::PathBuf;

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
