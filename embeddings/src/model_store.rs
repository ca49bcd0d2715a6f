//! `ModelStore`: where static models live on this machine, `<cache>/ctx/models/<name>/`.
//!
//! The root is `$CTX_MODEL_DIR` when set, else `$XDG_CACHE_HOME/ctx/models`, else
//! `$HOME/.cache/ctx/models`. A model appears in the store only whole: it is written to a
//! temporary folder beside its final place, validated by loading it, and then renamed.

use std::path::{Path, PathBuf};

use std::sync::Arc;

use thiserror::Error;

use crate::embedder::Embedder;
use crate::static_model::{MODEL_FILE, ModelError, StaticEmbedder, TOKENIZER_FILE};

/// The environment variable that overrides the store's root folder.
pub const MODEL_DIR_ENV: &str = "CTX_MODEL_DIR";

/// Files copied along with a model when present: its configuration and its licence notes.
pub(crate) const COMPANION_FILES: [&str; 5] = [
    "config.json",
    "README.md",
    "ATTRIBUTION.txt",
    "LICENSE",
    "LICENSE.txt",
];

/// Why the model store could not do what was asked.
#[derive(Debug, Error)]
pub enum StoreError {
    /// No environment variable says where the cache is.
    #[error("cannot locate the model cache: set {MODEL_DIR_ENV}, XDG_CACHE_HOME or HOME")]
    NoCacheDir,
    /// The model name could be mistaken for a path.
    #[error("invalid model name {name:?}: use letters, digits, '.', '-' and '_'")]
    InvalidName {
        /// The name given.
        name: String,
    },
    /// No model of that name is in the store.
    #[error("{path}: no model here; run `ctx model fetch` to add one")]
    NotFound {
        /// The folder where the model would be.
        path: PathBuf,
    },
    /// A file operation failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The model does not load.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The model is of a kind this build cannot run.
    #[error("{path}: a {kind} model; this ctx was built without the `{feature}` feature (build it with `--features {feature}`)")]
    FeatureMissing {
        /// The model's folder.
        path: PathBuf,
        /// The kind of model (`BERT`).
        kind: &'static str,
        /// The cargo feature that runs it.
        feature: &'static str,
    },
}

/// What kind of model a folder holds, from the `model_type` of its `config.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    /// A model2vec static model (no `config.json`, or another `model_type`).
    Static,
    /// A BERT-family transformer (`"model_type": "bert"`), run with the `bert` feature.
    Bert,
}

impl ModelKind {
    /// The kind of the model in `dir`.
    pub fn of(dir: &Path) -> ModelKind {
        #[derive(serde::Deserialize)]
        struct ModelType {
            model_type: Option<String>,
        }
        let bytes = std::fs::read(dir.join("config.json")).unwrap_or_default();
        match serde_json::from_slice::<ModelType>(&bytes) {
            Ok(ModelType { model_type: Some(kind) }) if kind == "bert" => ModelKind::Bert,
            _ => ModelKind::Static,
        }
    }
}

/// Loads the model in `dir` by its kind.
pub(crate) fn load_dir(dir: &Path) -> Result<Arc<dyn Embedder>, StoreError> {
    match ModelKind::of(dir) {
        ModelKind::Static => Ok(Arc::new(StaticEmbedder::load(dir)?)),
        #[cfg(feature = "bert")]
        ModelKind::Bert => Ok(Arc::new(crate::bert::BertEmbedder::load(dir)?)),
        #[cfg(not(feature = "bert"))]
        ModelKind::Bert => Err(StoreError::FeatureMissing { path: dir.to_path_buf(), kind: "BERT", feature: "bert" }),
    }
}

/// The folder of static models on this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelStore {
    root: PathBuf,
}

impl ModelStore {
    /// A store rooted at `root`, which need not exist yet.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        ModelStore { root: root.into() }
    }

    /// The store of this user, located from the environment (see the module documentation).
    pub fn from_env() -> Result<Self, StoreError> {
        Self::locate(|key| std::env::var_os(key))
    }

    /// The store located with `var` standing for the environment.
    pub fn locate(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Result<Self, StoreError> {
        let set = |key: &str| {
            var(key)
                .filter(|value| !value.is_empty())
                .map(PathBuf::from)
        };
        if let Some(root) = set(MODEL_DIR_ENV) {
            return Ok(ModelStore::new(root));
        }
        let cache = set("XDG_CACHE_HOME")
            .filter(|path| path.is_absolute())
            .or_else(|| set("HOME").map(|home| home.join(".cache")))
            .ok_or(StoreError::NoCacheDir)?;
        Ok(ModelStore::new(cache.join("ctx").join("models")))
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of the model `name` (whether or not it is there).
    pub fn model_dir(&self, name: &str) -> Result<PathBuf, StoreError> {
        check_name(name)?;
        Ok(self.root.join(name))
    }

    /// Whether the model `name` has both of its files in the store.
    pub fn contains(&self, name: &str) -> bool {
        self.model_dir(name)
            .map(|dir| dir.join(MODEL_FILE).is_file() && dir.join(TOKENIZER_FILE).is_file())
            .unwrap_or(false)
    }

    /// The names of the models in the store, sorted.
    pub fn list(&self) -> Result<Vec<String>, StoreError> {
        let entries = match std::fs::read_dir(&self.root) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(StoreError::Io {
                    path: self.root.clone(),
                    source,
                });
            }
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|name| !name.starts_with('.') && self.contains(name))
            .collect();
        names.sort();
        Ok(names)
    }

    /// Loads the model `name`, of whatever kind it is (a BERT model needs the `bert` feature).
    pub fn load_embedder(&self, name: &str) -> Result<Arc<dyn Embedder>, StoreError> {
        let dir = self.model_dir(name)?;
        if !self.contains(name) {
            return Err(StoreError::NotFound { path: dir });
        }
        load_dir(&dir)
    }

    /// Loads the static model `name`.
    pub fn load(&self, name: &str) -> Result<StaticEmbedder, StoreError> {
        let dir = self.model_dir(name)?;
        if !self.contains(name) {
            return Err(StoreError::NotFound { path: dir });
        }
        Ok(StaticEmbedder::load(&dir)?)
    }

    /// Copies the model folder `src` (model2vec, or BERT with the `bert` feature) into the store as `name`, after checking that it
    /// loads; replaces a model of that name. Returns the model's folder in the store.
    pub fn import_from_dir(&self, src: &Path, name: &str) -> Result<PathBuf, StoreError> {
        let target = self.model_dir(name)?;
        load_dir(src)?;
        let staging = self.staging_dir(name)?;
        let copy = |file: &str| -> Result<(), StoreError> {
            let from = src.join(file);
            std::fs::copy(&from, staging.join(file))
                .map(|_| ())
                .map_err(|source| StoreError::Io { path: from, source })
        };
        let result = (|| {
            copy(MODEL_FILE)?;
            copy(TOKENIZER_FILE)?;
            for file in COMPANION_FILES {
                if src.join(file).is_file() {
                    copy(file)?;
                }
            }
            self.install(&staging, &target)
        })();
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        result.map(|()| target)
    }

    /// A fresh, empty folder inside the root for assembling the model `name`.
    pub(crate) fn staging_dir(&self, name: &str) -> Result<PathBuf, StoreError> {
        let dir = self
            .root
            .join(format!(".incoming-{name}-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|source| StoreError::Io {
                path: dir.clone(),
                source,
            })?;
        }
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
            path: dir.clone(),
            source,
        })?;
        Ok(dir)
    }

    /// Validates the assembled folder `staging` and renames it to `target`, replacing any
    /// model already there.
    pub(crate) fn install(&self, staging: &Path, target: &Path) -> Result<(), StoreError> {
        load_dir(staging)?;
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io { path, source }
        };
        let mut retired = staging.as_os_str().to_os_string();
        retired.push(".old");
        let retired = PathBuf::from(retired);
        if target.exists() {
            std::fs::rename(target, &retired).map_err(io(target))?;
        }
        std::fs::rename(staging, target).map_err(io(target))?;
        if retired.exists() {
            std::fs::remove_dir_all(&retired).map_err(io(&retired))?;
        }
        Ok(())
    }
}

/// Accepts names that are one plain path component.
fn check_name(name: &str) -> Result<(), StoreError> {
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if plain {
        Ok(())
    } else {
        Err(StoreError::InvalidName {
            name: name.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    type Vars = &'static [(&'static str, &'static str)];

    fn env(pairs: Vars) -> impl Fn(&str) -> Option<OsString> {
        move |key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn root_comes_from_override_then_xdg_then_home() {
        let cases: [(Vars, Option<&str>); 5] = [
            (
                &[
                    ("CTX_MODEL_DIR", "/m"),
                    ("XDG_CACHE_HOME", "/x"),
                    ("HOME", "/h"),
                ],
                Some("/m"),
            ),
            (
                &[("XDG_CACHE_HOME", "/x"), ("HOME", "/h")],
                Some("/x/ctx/models"),
            ),
            (
                &[("XDG_CACHE_HOME", "relative"), ("HOME", "/h")],
                Some("/h/.cache/ctx/models"),
            ),
            (
                &[("CTX_MODEL_DIR", ""), ("HOME", "/h")],
                Some("/h/.cache/ctx/models"),
            ),
            (&[], None),
        ];
        for (vars, expected) in cases {
            let found = ModelStore::locate(env(vars)).ok();
            assert_eq!(
                found.as_ref().map(|store| store.root().to_path_buf()),
                expected.map(PathBuf::from),
                "{vars:?}"
            );
        }
    }

    #[test]
    fn names_must_be_one_plain_component() {
        let store = ModelStore::new("/tmp/models");
        for good in ["potion-base-8M", "m2v_code.v2"] {
            assert!(store.model_dir(good).is_ok(), "{good}");
        }
        for bad in ["", "..", ".hidden", "a/b", "a\\b", "x y"] {
            assert!(
                matches!(store.model_dir(bad), Err(StoreError::InvalidName { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn an_empty_store_lists_nothing_and_loads_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = ModelStore::new(dir.path().join("absent"));
        assert_eq!(store.list().expect("list"), Vec::<String>::new());
        assert!(matches!(
            store.load("potion-base-8M"),
            Err(StoreError::NotFound { .. })
        ));
    }
}
