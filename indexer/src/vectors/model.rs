//! Which embedder a run uses: the `SemanticOption` a caller gives, resolved
//! against the model of the previous generation's vectors, and the model
//! store or hash embedder a model name stands for.

use super::error::VectorsError;
use ctx_embeddings::{Embedder, HashEmbedder, ModelStore, POTION_BASE_8M, StoreError as ModelStoreError};
use std::sync::Arc;

/// The prefix of the deterministic hash embedder's names (`ctx-hash-v1-DIMS`).
const HASH_MODEL_PREFIX: &str = "ctx-hash-v1-";

/// Which embedder an index run uses, if any.
#[derive(Clone, Default)]
pub enum SemanticOption {
    /// Keep what the current generation has (its model, or no vectors); a
    /// first build has none. The semantic layer is opt-in because it did not
    /// improve packs on the dev tasks (see `docs/decisions.md`).
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

/// The embedder a model name stands for: a hash embedder by its name, else
/// the model store's folder of that name (the part before `@`, which stored
/// vectors append a content hash to).
pub fn embedder_for_name(name: &str) -> Result<Arc<dyn Embedder>, ModelStoreError> {
    if let Some(dimensions) = name.strip_prefix(HASH_MODEL_PREFIX).and_then(|d| d.parse().ok()) {
        return Ok(Arc::new(HashEmbedder::new(dimensions)));
    }
    let folder = name.split('@').next().unwrap_or(name);
    ModelStore::from_env()?.load_embedder(folder)
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
